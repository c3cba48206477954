package org.darkfigure.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The run parameters' one definition: defaults, ranges, what the manifests record, and reading them back. */
class RunParametersTest {

    @Test
    void defaults_are_written_out_in_the_manifest() {
        RunParameters p = RunParameters.defaults();
        assertEquals(RunParameters.DEFAULT_SEED, p.seed());
        assertEquals(Map.of("level", "0.95", "criterion", "BIC", "maxOrder", "2", "k", "5", "smallCell", "5",
                "bayes", "dga", "estimator", "all-two-way", "years", "separate"), p.asManifest());
    }

    @Test
    void the_json_schema_states_the_same_defaults() throws Exception {
        // the notebooks' helper takes a parameter an older manifest lacks from the schema's "default"
        var schema = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                RunParametersTest.class.getResourceAsStream("/org/darkfigure/contract/run-manifest.schema.json"));
        var properties = schema.path("$defs").path("parameters").path("properties");
        // what a manifest without a key means (the defaults of a new request, but no Bayesian candidates)
        RunParameters.fromManifest(1, Map.of()).asManifest().forEach((name, value) ->
                assertEquals(value, properties.path(name).path("default").asText(null), name));
    }

    @Test
    void given_values_are_typed_and_read_back_equal_from_a_manifest() {
        RunParameters p = RunParameters.parse(Map.of("seed", "7", "criterion", "aic", "linkThreshold", "0.6",
                "maxCandidatePairs", "1000", "maxOrder", "3", "splitAbove", "250000"));
        assertEquals(new RunParameters(7, 0.95, RunParameters.Criterion.AIC, 3, OptionalDouble.of(0.6),
                OptionalLong.of(1000), 5, 5, "dga", "all-two-way", "separate", OptionalLong.of(250000)), p);
        assertEquals(p, RunParameters.fromManifest(7, p.asManifest()));
    }

    @Test
    void a_release_manifest_made_before_the_typed_contract_reads_as_it_ran() {
        // the parameters of the demo release of 2026-12-02 (made by d235317)
        RunParameters p = RunParameters.fromManifest(20261128, Map.of("criterion", "BIC", "k", "5", "level", "0.95",
                "maxOrder", "2"));
        // ... and without the Bayesian comparison candidates, which did not exist then, and selecting the search's
        // best model, the rule before issue 15's study chose the default
        assertEquals(RunParameters.parse(Map.of("bayes", "none", "estimator", "select")), p);
    }

    @Test
    void bayesian_comparisons_are_dga_lcmcr_both_or_none() {
        assertEquals("dga,lcmcr", RunParameters.parse(Map.of("bayes", "LCMCR, dga")).bayes());
        assertEquals("none", RunParameters.parse(Map.of("bayes", "none")).bayes());
        // issue 15: the published default's rule and the years, recorded; an older manifest without them selected
        assertEquals("together", RunParameters.parse(Map.of("years", "Together")).years());
        assertEquals("select", RunParameters.fromManifest(7, Map.of()).estimator());
        assertEquals("all-two-way", RunParameters.defaults().estimator());
        var bad = org.junit.jupiter.api.Assertions.assertThrows(RunParameters.InvalidRunParametersException.class,
                () -> RunParameters.parse(Map.of("estimator", "bic")));
        org.junit.jupiter.api.Assertions.assertTrue(bad.getMessage().contains("expected one of all-two-way, select, average"),
                bad.getMessage());
        RunParameters both = RunParameters.parse(Map.of("bayes", "dga,lcmcr"));
        assertEquals(both, RunParameters.fromManifest(both.seed(), both.asManifest()));
        assertThrows(RunParameters.InvalidRunParametersException.class, () -> RunParameters.parse(Map.of("bayes", "bma")));
        assertThrows(RunParameters.InvalidRunParametersException.class,
                () -> RunParameters.parse(Map.of("bayes", "dga,none")));
    }

    @Test
    void an_unknown_key_in_a_manifest_is_an_error() {
        var e = assertThrows(RunParameters.InvalidRunParametersException.class,
                () -> RunParameters.fromManifest(1, Map.of("levle", "0.9")));
        assertTrue(e.getMessage().startsWith("unknown parameter 'levle'"), e.getMessage());
        assertThrows(RunParameters.InvalidRunParametersException.class,
                () -> RunParameters.fromManifest(1, Map.of("seed", "3")), "the seed is the manifest's own field");
    }

    @Test
    void every_bad_value_is_named_at_once() {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("level", "95");
        bad.put("criterion", "DIC");
        bad.put("threshold", "0.5");
        bad.put("seed", "x");
        bad.put("smallCell", "1");
        bad.put("splitAbove", "1");
        var e = assertThrows(RunParameters.InvalidRunParametersException.class, () -> RunParameters.parse(bad));
        List<String> problems = e.problems();
        assertEquals(6, problems.size(), problems.toString());
        // sorted by name
        assertTrue(problems.get(0).startsWith("criterion=DIC: expected AIC or BIC"), problems.get(0));
        assertEquals("level=95: expected a number between 0.0 and 1.0 (exclusive); level is confidence level of the "
                + "intervals, between 0 and 1 (default 0.95)", problems.get(1));
        assertTrue(problems.get(2).startsWith("seed=x: not a number"), problems.get(2));
        assertTrue(problems.get(3).startsWith("smallCell=1: expected 2 to 100"), problems.get(3));
        assertTrue(problems.get(4).startsWith("splitAbove=1: expected an integer from 2 to 2147483647"), problems.get(4));
        assertTrue(problems.get(5).startsWith("unknown parameter 'threshold' (known: "), problems.get(5));
    }
}
