package org.darkfigure.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.darkfigure.link.spark.LinkEvalCommand;
import org.darkfigure.link.spark.LinkInput;
import org.darkfigure.link.spark.ProbabilisticLink;
import org.darkfigure.pseudonymise.Keyring;
import org.darkfigure.pseudonymise.PseudonymiseCommand;
import org.darkfigure.pseudonymise.Pseudonymiser;
import org.darkfigure.spark.SparkSessions;
import org.darkfigure.standard.Standard;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Linkage on a small labelled set: FEBRL 1 (1,000 records of 500 people, Christen's Febrl generator,
 * ../shared/refdata/linkage), pseudonymised as a member state would, then linked from the encodings
 * only. The truth comes from rec_id (rec-N-org / rec-N-dup-k) and is never shown to the linkage.
 */
@Tag("spark")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LinkageTest {

    @TempDir
    static Path dir;
    private SparkSession spark;
    private Dataset<Row> febrl;
    private String[] truth;

    @BeforeAll
    void pseudonymiseFebrl() throws Exception {
        spark = SparkSessions.start("local[2]", "linkage-test", 4);
        Path clear = dir.resolve("febrl1.csv");
        Files.copy(LinkageTest.class.getResourceAsStream("/refdata/linkage/febrl1.csv"), clear);
        Path out = dir.resolve("febrl1-pseudonymised.csv");
        PseudonymiseCommand.run(clear, out, new Pseudonymiser(new Keyring("test secret for febrl".getBytes(StandardCharsets.UTF_8))),
                Map.of("family_name", "surname", "document_number", "soc_sec_id"), Set.of("rec_id"),
                Standard.builtIn().require("migrant", 1), ',');
        Dataset<Row> raw = spark.read().option("header", "true").csv(out.toString());
        febrl = LinkInput.prepare(spark, raw, List.of(), "source", "linkage_key", "detection_date").cache();
        List<Row> ids = LinkInput.withRowIds(spark, raw.select("rec_id")).collectAsList();
        truth = new String[ids.size()];
        for (Row r : ids) {
            truth[(int) r.getLong(1)] = r.getString(0).split("-")[1];
        }
    }

    @AfterAll
    void stop() {
        spark.stop();
    }

    /**
     * Record ids number the rows in the frame's order, partition after partition, as Spark's zipWithIndex does (the
     * ids order each stratum's records and seed its random pairs, so a different numbering would move the figures):
     * uneven partitions and an empty one included.
     */
    @Test
    void row_ids_are_the_frames_order_as_zip_with_index_numbers_it() {
        Dataset<Row> frame = spark.range(0, 5_000, 1, 6).selectExpr("id", "concat('v', id % 97) AS value")
                .filter("id % 7 <> 3 AND (id < 1000 OR id >= 2000)"); // partition 1 (ids 833-1665) is thinned, not emptied
        frame = frame.union(spark.range(0, 0, 1, 1).selectExpr("id", "'none' AS value")); // an empty partition last
        List<Row> numbered = LinkInput.withRowIds(spark, frame).select("id", "value", "rid").collectAsList();
        List<scala.Tuple2<Row, Object>> zipped = frame.javaRDD().zipWithIndex().map(t -> new scala.Tuple2<Row, Object>(
                t._1(), t._2())).collect();
        assertEquals(zipped.size(), numbered.size());
        for (int i = 0; i < zipped.size(); i++) {
            assertEquals(zipped.get(i)._1().getLong(0), numbered.get(i).getLong(0));
            assertEquals((long) (Long) zipped.get(i)._2(), numbered.get(i).getLong(2), "row " + i);
        }
    }

    @Test
    void febrl1_pairwise_f1_is_at_least_0_98_from_pseudonymised_fields() {
        ProbabilisticLink.Result result = ProbabilisticLink.run(febrl, ProbabilisticLink.Settings.withDefaults());
        LinkEvalCommand.Metrics m = LinkEvalCommand.Metrics.of(result.cluster(), truth);
        assertTrue(m.pairF1() >= 0.98, "pairwise F1 " + m);
        assertTrue(m.pairPrecision() >= 0.99, "precision " + m);
        assertEquals(1000, result.cluster().length);
        // the match share among candidate pairs: blocking on the diffused name encodings (issue 16) is tight, and at least
        // 490 of FEBRL 1's 510 candidate pairs are one person, so more than half is right here (FellegiSunter#implausibilities)
        assertTrue(result.model().lambda() > 0 && result.model().lambda() < 1, "lambda " + result.model().lambda());
    }

    @Test
    void the_calibration_table_bins_every_scored_pair_and_the_surest_pairs_are_one_person() {
        ProbabilisticLink.Result result = ProbabilisticLink.run(febrl, ProbabilisticLink.Settings.withDefaults());
        List<LinkEvalCommand.CalibrationBin> bins = LinkEvalCommand.calibration(result, truth);
        assertEquals(result.scoredPairs().size(), bins.stream().mapToLong(LinkEvalCommand.CalibrationBin::pairs).sum());
        for (LinkEvalCommand.CalibrationBin bin : bins) {
            assertTrue(bin.meanProbability() >= bin.from() && bin.meanProbability() <= bin.to(), bin.toString());
        }
        LinkEvalCommand.CalibrationBin surest = bins.get(bins.size() - 1);
        assertEquals(0.99, surest.from());
        // FEBRL 1's duplicates are one person wherever the model is sure (precision >= 0.99 above)
        assertTrue(surest.shareTrue() >= 0.98, surest.toString());
    }

    @Test
    void a_blocking_rule_that_explodes_is_an_error_naming_it() {
        var e = assertThrows(ProbabilisticLink.TooManyPairsException.class,
                () -> ProbabilisticLink.run(febrl, ProbabilisticLink.Settings.withDefaults().withMaxCandidatePairs(100)));
        assertTrue(e.getMessage().contains("blocking rule"), e.getMessage());
    }

    @Test
    void every_field_weight_is_explained() {
        ProbabilisticLink.Result result = ProbabilisticLink.run(febrl, ProbabilisticLink.Settings.withDefaults());
        List<String> lines = result.model().explain(result.scoredPatterns()[0]);
        assertEquals(Comparison.FIELDS.size(), lines.size());
        assertTrue(lines.get(1).startsWith("name: "), lines.toString());
    }

    @Test
    void the_people_built_beside_the_chosen_threshold_are_the_people_a_run_at_that_threshold_makes() {
        // issue 20: the linkage sensitivity's people are built where the strata are, in the same pass as the chosen
        // threshold's; they must be exactly the people a linkage at that threshold would make
        for (double threshold : new double[] {0.2, 0.8}) {
            int[] alone = ProbabilisticLink.run(febrl, ProbabilisticLink.Settings.withDefaults().withThreshold(threshold))
                    .cluster();
            ProbabilisticLink.Linkage beside = ProbabilisticLink.link(febrl, ProbabilisticLink.Settings.withDefaults(),
                    new double[] {0.2, 0.8});
            try {
                int t = threshold == 0.2 ? 0 : 1;
                int[] built = new int[alone.length];
                for (StratumLinkage.Scored s : beside.strata().collect()) {
                    for (int i = 0; i < s.ids().length; i++) {
                        built[(int) s.ids()[i]] = (int) s.clustersAt()[t][i];
                    }
                }
                assertArrayEquals(alone, built, "people at " + threshold);
            } finally {
                beside.release();
            }
        }
    }
}
