package org.darkfigure.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.darkfigure.pseudonymise.Keyring;
import org.darkfigure.pseudonymise.Pseudonymiser;
import org.junit.jupiter.api.Test;

/** Issue 16: the best F1 a classifier of the comparison patterns could reach, knowing the truth. */
class LinkageCeilingTest {

    @Test
    void patterns_are_taken_by_their_share_of_matches_down_to_the_cut_of_best_f1() {
        // {matches, non-matches} per pattern; 120 true pairs in the set, 20 of them never compared
        Map<Long, double[]> table = Map.of(
                1L, new double[] {10, 90},
                2L, new double[] {90, 10},
                3L, new double[] {0, 1000});
        LinkageCeiling.Ceiling best = LinkageCeiling.best(table, 120);
        // pattern 2 alone: precision 90/100, recall 90/120, F1 2 x 0.9 x 0.75 / 1.65; adding pattern 1 gives
        // precision 100/200, recall 100/120, F1 0.625
        assertEquals(0.9, best.precision(), 1e-12);
        assertEquals(0.75, best.recall(), 1e-12);
        assertEquals(2 * 0.9 * 0.75 / 1.65, best.f1(), 1e-12);
    }

    @Test
    void true_pairs_blocking_never_compares_count_as_missed() {
        LinkRecord[] records = {record("Amina", "Hassan"), record("Amina", "Hassan"), record("Karim", "Oduya"),
                record("Karim", "Oduya")};
        String[] truth = {"a", "a", "b", "b"};
        long[] candidates = {1L, 2L}; // (0, 1) and (0, 2); the true pair (2, 3) is never compared
        LinkageCeiling.Ceiling best = LinkageCeiling.over(records, truth, candidates);
        assertEquals(1.0, best.precision(), 1e-12);
        assertEquals(0.5, best.recall(), 1e-12);
        assertEquals(1.0, LinkageCeiling.overAll(records, truth, 0, 1).f1(), 1e-12,
                "over all pairs, with no stranger sampled, both true pairs are found");
    }

    private static final Pseudonymiser P = new Pseudonymiser(new Keyring("ceiling test secret".getBytes(
            StandardCharsets.UTF_8)));

    private static LinkRecord record(String given, String family) {
        return NameRecords.of(P, given, family);
    }

    @Test
    void nothing_to_take_is_an_f1_of_zero() {
        assertEquals(0, LinkageCeiling.best(Map.of(1L, new double[] {0, 10}), 5).f1());
    }
}
