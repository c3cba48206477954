package org.darkfigure.link.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.darkfigure.simulate.Registers;
import org.darkfigure.spark.SparkSessions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 20: a stratum too large for one task is linked in parts, and gives what it gives in one piece: the same
 * candidate pairs, model, weights, scored pairs and persons. The records are simulated registers (five agencies,
 * names of seven origins with their spellings and scripts, placeholder and swapped dates), linked once whole and
 * once with the split size forced low.
 */
@Tag("spark")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StratumPartsTest {

    private SparkSession spark;
    private List<ClearEvaluation.Clear> registers;

    @BeforeAll
    void start() {
        spark = SparkSessions.start("local[2]", "stratum-parts-test", 4);
        // about 10,700 records of 8,000 people: one stratum above Blocking's 10,000, where the name bands pair only
        // within the birth-year window and hand the pairs outside it to the names' neighbourhoods
        registers = ClearEvaluation.registers(Registers.draw(new Registers.Settings(8_000, 5, 19, "IDN", 2024)));
    }

    @AfterAll
    void stop() {
        spark.stop();
    }

    @Test
    void a_stratum_linked_in_parts_gives_the_pairs_model_and_persons_it_gives_whole() {
        assertTrue(registers.size() > 10_000, "the stratum must be large enough for the window: " + registers.size());
        ProbabilisticLink.Settings whole = ProbabilisticLink.Settings.withDefaults();
        // parts of about 3,000 records
        assertSame(ClearEvaluation.run(spark, registers, List.of(), whole),
                ClearEvaluation.run(spark, registers, List.of(), whole.withSplitAbove(3_000)));
    }

    @Test
    void strata_in_parts_and_strata_whole_are_linked_together_as_all_whole() {
        // strata by citizenship: the split size halfway between the largest and the smallest, so that some strata are
        // linked in parts and some whole
        java.util.Map<String, Long> sizes = new java.util.TreeMap<>();
        registers.forEach(r -> sizes.merge(String.valueOf(r.citizenship()), 1L, Long::sum));
        long largest = java.util.Collections.max(sizes.values());
        long smallest = java.util.Collections.min(sizes.values());
        assertTrue(largest > 2 * smallest, sizes.toString());
        ProbabilisticLink.Settings whole = ProbabilisticLink.Settings.withDefaults();
        ProbabilisticLink.Settings split = whole.withSplitAbove((int) ((largest + smallest) / 2));
        assertSame(ClearEvaluation.run(spark, registers, List.of("citizenship"), whole),
                ClearEvaluation.run(spark, registers, List.of("citizenship"), split));
    }

    @Test
    void a_stratum_has_parts_enough_for_its_shared_blocks() {
        // block memberships over the split size, at least two parts
        assertEquals(2, StratumParts.parts(10, 500_000));
        assertEquals(2, StratumParts.parts(1_000_000, 500_000));
        assertEquals(3, StratumParts.parts(1_000_001, 500_000));
        assertEquals(24, StratumParts.parts(12_000_000, 500_000));
        int[] held = new int[7];
        for (long h = 0; h < 70_000; h++) {
            held[StratumParts.partOf(org.darkfigure.link.BlockingProbe.hash(h), 7)]++;
        }
        for (int count : held) { // block hashes spread blocks evenly over the parts (within 5%)
            assertTrue(Math.abs(count - 10_000) < 500, java.util.Arrays.toString(held));
        }
    }

    private static void assertSame(ClearEvaluation.Outcome wholeRun, ClearEvaluation.Outcome splitRun) {
        ProbabilisticLink.Result a = wholeRun.result();
        ProbabilisticLink.Result b = splitRun.result();
        assertEquals(a.candidatePairs(), b.candidatePairs());
        assertEquals(a.pairsByRule(), b.pairsByRule());
        assertEquals(a.weightHistogram(), b.weightHistogram());
        for (int k = 0; k < a.model().m().length; k++) {
            assertArrayEquals(a.model().m()[k], b.model().m()[k], "m of field " + k);
            assertArrayEquals(a.model().u()[k], b.model().u()[k], "u of field " + k);
        }
        // the reported lambda sums the strata's expected matches in the order the strata come (whole and in parts,
        // they come in another order)
        assertEquals(a.model().lambda(), b.model().lambda(), 1e-12 * a.model().lambda());
        assertEquals(a.matchesPerRecord(), b.matchesPerRecord());
        assertEquals(pairs(a), pairs(b));
        assertArrayEquals(a.cluster(), b.cluster(), "the persons");
        assertEquals(wholeRun.metrics(), splitRun.metrics());
        // and both linked for real (stratified by citizenship, a person's records of two citizenships cannot meet)
        assertTrue(wholeRun.metrics().pairPrecision() > 0.9 && wholeRun.metrics().pairRecall() > 0.6,
                wholeRun.metrics().toString());
    }

    /** The scored pairs with their weights and odds, in a comparable order (strata come in any order). */
    private static Set<String> pairs(ProbabilisticLink.Result r) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < r.scoredPairs().size(); i++) {
            long[] p = r.scoredPairs().get(i);
            out.add(p[0] + "-" + p[1] + ":" + r.scoredWeights()[i] + ":" + r.scoredOdds()[i] + ":" + r.scoredPatterns()[i]);
        }
        for (int i = 0; i < r.unlikelyA().length; i++) {
            out.add("unlikely " + r.unlikelyA()[i] + "-" + r.unlikelyB()[i] + ":" + r.unlikelyOdds()[i]);
        }
        Set<String> set = new HashSet<>(out);
        assertEquals(out.size(), set.size());
        return set;
    }
}
