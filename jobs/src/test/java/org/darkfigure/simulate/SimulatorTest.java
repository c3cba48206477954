package org.darkfigure.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorTest {

    private final Scenario small = Scenario.withDefaults().withCountries(List.of("IDN", "MYS")).withYears(2023, 2)
            .withMeanPopulation(400);

    @Test
    void the_same_seed_gives_the_same_world() {
        assertEquals(new Simulator(small).strata(), new Simulator(small).strata());
        assertNotEquals(new Simulator(small).strata(), new Simulator(small.withSeed(7)).strata());
    }

    @Test
    void strata_made_one_at_a_time_are_the_strata_made_together() {
        List<Stratum> lazily = new java.util.ArrayList<>();
        new Simulator(small).eachStratum().forEach(lazily::add);
        assertEquals(new Simulator(small).strata(), lazily);
    }

    @Test
    void a_stratum_does_not_depend_on_what_else_is_simulated() {
        Stratum alone = new Simulator(small.withCountries(List.of("MYS"))).stratum("MYS", 2024);
        assertEquals(alone, new Simulator(small).strata().get(3));
    }

    @Test
    void sources_differ_in_reach_and_some_records_are_duplicates() {
        Stratum s = new Simulator(small.withMeanPopulation(3000)).stratum("IDN", 2023);
        assertTrue(s.recordsBySource().size() >= 3);
        int police = s.recordsBySource().get(0).size();
        int immigration = s.recordsBySource().get(1).size();
        assertTrue(immigration > police, "immigration (p=0.30) reaches more than police (p=0.20)");
        for (List<SimulatedRecord> source : s.recordsBySource()) {
            Set<String> people = new HashSet<>();
            long duplicates = source.stream().filter(r -> !people.add(r.personId())).count();
            assertTrue(duplicates > 0, "within-source duplicates are simulated");
        }
        assertTrue(s.distinctObserved() < s.trueTotal(), "some people are seen by nobody");
    }

    @Test
    void writes_files_an_index_and_the_truth(@TempDir Path out) throws Exception {
        SimulationWriter.Summary summary = SimulationWriter.write(small, out);
        assertEquals(2 * 2 * 4, summary.files());
        List<String> index = Files.readAllLines(out.resolve(SimulationWriter.INDEX));
        assertEquals("file,country,source,record_type,period,schema_version", index.get(0));
        assertEquals(summary.files() + 1, index.size());
        List<String> truth = Files.readAllLines(out.resolve(SimulationWriter.TRUTH));
        assertEquals(1 + 4, truth.size());
        String firstFile = index.get(1).split(",")[0];
        assertEquals("record_id,source_id,reporting_country,detection_date,linkage_key,lk_name_bf,lk_name_ph,lk_dob_hash,"
                + "lk_dob_var,lk_doc_hash,lk_doc_bf,sex,birth_year,citizenship", Files.readAllLines(out.resolve(firstFile)).get(0));
    }
}
