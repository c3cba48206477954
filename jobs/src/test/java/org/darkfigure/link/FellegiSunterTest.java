package org.darkfigure.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 16: a fitted linkage model that cannot be right is refused with the field named, never linked from. */
class FellegiSunterTest {

    private static final int FIELDS = Comparison.FIELDS.size();

    /** A pattern with every field at one level (0 = missing), then the named field at its own level. */
    private static int pattern(int everyField, int field, int level) {
        int[] levels = new int[FIELDS];
        java.util.Arrays.fill(levels, everyField);
        levels[field] = level;
        return Comparison.pack(levels);
    }

    @Test
    void a_model_whose_agreement_counts_against_a_match_names_the_field() {
        int dob = Comparison.index("date_of_birth"); // levels: same, five kinds of similar, two year-only, three different
        double[][] m = new double[FIELDS][];
        double[][] u = new double[FIELDS][];
        for (int k = 0; k < FIELDS; k++) {
            int levels = Comparison.FIELDS.get(k).size();
            m[k] = new double[levels];
            u[k] = new double[levels];
            for (int l = 1; l < levels; l++) {
                m[k][l] = l == 1 ? 0.9 : 0.1 / (levels - 2);
                u[k][l] = l == levels - 1 ? 0.9 : 0.1 / (levels - 2);
            }
        }
        // the swap historical_figures_50k showed: "same date of birth" more common among non-matches
        m[dob] = new double[] {0, 0.05, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.86};
        u[dob] = new double[] {0, 0.6, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.22};
        Map<Integer, Long> patterns = new HashMap<>();
        patterns.put(pattern(1, dob, 1), 500L);
        patterns.put(pattern(2, dob, 11), 5000L);
        List<String> problems = new FellegiSunter(0.53, m, u, 10).implausibilities(patterns);
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("field date_of_birth: agreement (same) counts against a match"), problems.get(0));
        assertTrue(problems.get(1).startsWith("field date_of_birth: disagreement (different) counts for a match"));
        assertEquals("fitted share of matches among the candidate pairs 0.53", problems.get(2));
        assertEquals(List.of(), new FellegiSunter(0.05, m, u, 10).implausibilities(Map.of(pattern(1, dob, 0), 10L)),
                "a field nobody compared is not judged");
    }
}
