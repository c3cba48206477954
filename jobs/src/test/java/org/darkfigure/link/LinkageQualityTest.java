package org.darkfigure.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.darkfigure.link.spark.ClearCeiling;
import org.darkfigure.link.spark.ClearEvaluation;
import org.darkfigure.simulate.Registers;
import org.darkfigure.spark.SparkSessions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 16's goals that hold, from pseudonymised fields only (bench/linkage-quality prints all the sets): FEBRL 3
 * and 4 (Christen's Febrl generator, ../shared/refdata/linkage; truth from rec_id) and noisy five-agency registers
 * ({@link Registers}; truth from the simulator).
 */
@Tag("spark")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LinkageQualityTest {

    private SparkSession spark;

    @BeforeAll
    void start() {
        spark = SparkSessions.start("local[2]", "linkage-quality-test", 4);
    }

    @AfterAll
    void stop() {
        spark.stop();
    }

    private static List<String> lines(String resource) throws IOException {
        try (InputStream in = LinkageQualityTest.class.getResourceAsStream("/refdata/linkage/" + resource)) {
            return List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
        }
    }

    @Test
    void febrl3_pairwise_f1_is_at_least_0_99_and_the_matches_are_counted_right() throws IOException {
        ClearEvaluation.Outcome o = ClearEvaluation.run(spark, ClearEvaluation.febrl(lines("febrl3.csv"), "A"));
        assertEquals(5000, o.result().cluster().length);
        assertTrue(o.metrics().pairF1() >= 0.99, "issue 16's goal: " + o.metrics());
        // 6,538 true pairs among 5,000 records (../shared/refdata/linkage/README.md): 1.31 per record
        assertEquals(1.31, o.result().matchesPerRecord(), 0.13, "matching pairs per record, from training");
    }

    /** FEBRL 4: two files of 5,000 records, each person once in each (5,000 true pairs, all across the files). */
    @Test
    void febrl4_pairwise_f1_is_at_least_0_995() throws IOException {
        List<ClearEvaluation.Clear> records = new java.util.ArrayList<>(ClearEvaluation.febrl(lines("febrl4a.csv"), "A"));
        records.addAll(ClearEvaluation.febrl(lines("febrl4b.csv"), "B"));
        ClearEvaluation.Outcome o = ClearEvaluation.run(spark, records);
        assertTrue(o.metrics().pairF1() >= 0.995, "issue 16's goal: " + o.metrics());
    }

    /**
     * Names of seven origins in their spellings and scripts, placeholder, swapped and missing dates, duplicates within
     * an agency: 4,000 people. The goal (0.97) is beyond what these fields allow even in clear
     * ({@link ClearCeiling}: 0.938 here, from the people who do not know their date of birth); this holds what the
     * linkage does now (0.890 here, precision 0.953), that it stays within 0.06 of that ceiling (0.049 now), and that it
     * does not collapse as EM over all pairs did (0.0007).
     */
    @Test
    void noisy_multi_agency_registers_are_linked_within_0_06_of_what_their_fields_allow_in_clear() {
        List<ClearEvaluation.Clear> records = ClearEvaluation.registers(
                Registers.draw(new Registers.Settings(4_000, 5, 19, "IDN", 2024)));
        ClearEvaluation.Outcome o = ClearEvaluation.run(spark, records);
        double ceiling = ClearCeiling.of(records, 1).f1();
        assertTrue(o.metrics().pairF1() >= 0.87, o.metrics().toString());
        assertTrue(o.metrics().pairPrecision() >= 0.93, o.metrics().toString());
        assertTrue(o.metrics().pairF1() >= ceiling - 0.06, o.metrics() + ", clear ceiling " + ceiling);
    }
}
