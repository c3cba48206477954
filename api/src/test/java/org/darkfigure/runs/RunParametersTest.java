package org.darkfigure.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunParametersTest {

    @Test
    void defaults_record_the_level_and_the_default_seed() {
        RunParameters p = RunParameters.defaults();
        assertEquals(RunParameters.DEFAULT_SEED, p.seed());
        assertEquals(Map.of("level", "0.95"), p.values());
    }

    @Test
    void given_values_are_normalised() {
        RunParameters p = RunParameters.parse(Map.of("seed", "7", "criterion", "aic", "linkThreshold", "0.6",
                "maxCandidatePairs", "1000", "maxOrder", "3"));
        assertEquals(7, p.seed());
        assertEquals(Map.of("level", "0.95", "criterion", "AIC", "linkThreshold", "0.6", "maxCandidatePairs", "1000",
                "maxOrder", "3"), p.values());
    }

    @Test
    void bayesian_comparisons_are_dga_lcmcr_or_none() {
        assertEquals("dga,lcmcr", RunParameters.parse(Map.of("bayes", "DGA, lcmcr")).values().get("bayes"));
        assertEquals("none", RunParameters.parse(Map.of("bayes", "none")).values().get("bayes"));
        assertThrows(RunParameters.InvalidRunParametersException.class, () -> RunParameters.parse(Map.of("bayes", "bma")));
        assertThrows(RunParameters.InvalidRunParametersException.class,
                () -> RunParameters.parse(Map.of("bayes", "dga,none")));
    }

    @Test
    void every_bad_value_is_named_at_once() {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("level", "95");
        bad.put("criterion", "DIC");
        bad.put("threshold", "0.5");
        bad.put("seed", "x");
        var e = assertThrows(RunParameters.InvalidRunParametersException.class, () -> RunParameters.parse(bad));
        List<String> problems = e.problems();
        assertEquals(4, problems.size(), problems.toString());
        assertEquals("level=95: expected a number between 0.0 and 1.0 (exclusive); level is confidence level of the "
                + "intervals, between 0 and 1 (default 0.95)", problems.get(0));
        assertEquals(true, problems.get(2).startsWith("unknown parameter 'threshold' (known: "), problems.get(2));
        assertEquals(true, problems.get(3).startsWith("seed=x: not a number"), problems.get(3));
    }
}
