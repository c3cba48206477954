package org.darkfigure.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.darkfigure.estimate.Estimate;
import org.darkfigure.estimate.cli.CaptureHistoryCsv;
import org.darkfigure.estimate.cli.EstimateCommand;
import org.darkfigure.estimate.interval.Bootstrap;
import org.darkfigure.estimate.loglinear.ModelFit;
import org.darkfigure.estimate.search.Estimation;
import org.darkfigure.estimate.search.EstimationOptions;
import org.darkfigure.estimate.search.EstimationResult;
import org.darkfigure.estimate.search.ModelSearch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EstimationTest {

    @Test
    void the_estimate_json_has_the_documented_shape() throws Exception {
        EstimationResult r = Estimation.run(ReferenceTables.load("uk_2013_5"), EstimationOptions.withDefaults()
                .withSearch(ModelSearch.withDefaults().withFamily(ModelSearch.Family.LOGLINEAR))
                .withCombination(EstimationOptions.Combination.SELECT));
        JsonNode json = new ObjectMapper().readTree(EstimateCommand.json(r));
        assertEquals(2744, json.path("observed").asInt());
        assertEquals(5, json.path("lists").size());
        JsonNode e = json.path("estimate");
        for (String field : List.of("model", "total", "lower", "upper", "interval", "level", "status", "warnings")) {
            assertTrue(e.has(field), field);
        }
        assertEquals("[12][13][23][25][34]", e.path("model").asText(), "MultipleSystemsEstimation's BIC choice, maxorder 2");
        assertEquals(22991.33131, e.path("total").asDouble(), 1e-6 * 22991);
        assertEquals(17990.95089, e.path("lower").asDouble(), 1e-4 * 17990, "Rcapture closedpCI.t bound");
        assertEquals("profile-likelihood", e.path("interval").asText());
        assertFalse(e.path("warnings").isEmpty(), "the model-dependence warning of the UK table");
        JsonNode first = json.path("candidates").get(0);
        for (String field : List.of("model", "total", "stderr", "deviance", "df", "aic", "bic", "status")) {
            assertTrue(first.has(field), field);
        }
        assertEquals(1, first.path("rank").asInt(), "the search's best comes first, ranked 1");
        assertEquals(e.path("model").asText(), first.path("model").asText());
        JsonNode last = json.path("candidates").get(json.path("candidates").size() - 1);
        assertTrue(last.path("model").asText().startsWith("M") && !last.has("rank"),
                "heterogeneity models of a log-linear search are shown for comparison, unranked: " + last);
    }

    @Test
    void two_lists_give_chapman_and_a_named_model_is_used_as_named() {
        CaptureHistory seber = ReferenceTables.load("seber_p107_2list");
        assertEquals("chapman", Estimation.run(seber, EstimationOptions.withDefaults()).estimate().model());
        Estimate mth = Estimation.run(ReferenceTables.load("hare"), EstimationOptions.withDefaults()
                .withModel("Mth Poisson2")).estimate();
        assertEquals(81.07928141, mth.total(), 1e-6 * 81, "Rcapture closedp.t hare Mth Poisson2");
        assertThrows(IllegalArgumentException.class,
                () -> Estimation.run(seber, EstimationOptions.withDefaults().withModel("Mx")));
    }

    @Test
    void a_table_with_one_list_is_not_estimable_not_an_error() {
        CaptureHistory one = CaptureHistory.of(List.of("A"), Map.of(1, 12L));
        assertEquals(EstimateStatus.NOT_ESTIMABLE, Estimation.run(one, EstimationOptions.withDefaults()).estimate().status());
    }

    /** Issue 15, part 2: designs that break the method are refused with the reason, never published as OK. */
    @Test
    void designs_that_break_the_method_are_not_estimable() {
        // the smugglers of the demo: the prosecution's 40 all come from the police's 120 arrests (Chapman gave 120 [120, 120])
        CaptureHistory nested = CaptureHistory.of(List.of("POLICE", "PROSECUTION"), Map.of(0b01, 80L, 0b11, 40L));
        Estimate e = Estimation.run(nested, EstimationOptions.withDefaults()).estimate();
        assertEquals(EstimateStatus.NOT_ESTIMABLE, e.status());
        assertTrue(e.warnings().get(0).startsWith("Everyone on PROSECUTION is also on POLICE"), e.warnings().toString());
        assertTrue(Double.isNaN(e.total()) && e.observed() == 120, "only the observed count");
        CaptureHistory apart = CaptureHistory.of(List.of("A", "B", "C"), Map.of(1, 10L, 2, 20L, 4, 30L));
        assertTrue(Estimation.run(apart, EstimationOptions.withDefaults()).estimate().warnings().get(0)
                .startsWith("No one was recorded by more than one list"));
        CaptureHistory thin = CaptureHistory.of(List.of("A", "B"), Map.of(1, 50L, 2, 60L, 3, 2L));
        assertEquals(EstimateStatus.NOT_ESTIMABLE, Estimation.run(thin, EstimationOptions.withDefaults()).estimate().status());
        // a small third list inside another by chance does not stop an estimate from the others
        CaptureHistory small = CaptureHistory.of(List.of("A", "B", "C"),
                Map.of(1, 40L, 2, 50L, 3, 20L, 5, 3L, 7, 2L));
        assertEquals(EstimateStatus.OK, Estimation.run(small, EstimationOptions.withDefaults()).estimate().status());
        // a named model is fitted as asked (the reference tests compare R's numbers on any table)
        assertEquals(EstimateStatus.OK, Estimation.run(nested, EstimationOptions.withDefaults().withModel("chapman"))
                .estimate().status());
    }

    @ParameterizedTest
    @EnumSource(EstimationOptions.IntervalChoice.class)
    void every_interval_holds_the_estimate_and_never_falls_below_the_observed(EstimationOptions.IntervalChoice interval) {
        CaptureHistory h = ReferenceTables.load("western_us");
        Estimate e = Estimation.run(h, EstimationOptions.withDefaults().withInterval(interval).withBootstrap(200, 5)
                .withSearch(ModelSearch.withDefaults().withMethod(ModelSearch.Method.STEPWISE))).estimate();
        assertEquals(EstimateStatus.OK, e.status());
        assertTrue(e.interval().lower() >= h.observed(), interval + ": " + e.interval());
        assertTrue(e.interval().contains(e.total()), interval + ": " + e.interval());
    }

    @Test
    void the_bootstrap_is_reproducible_for_a_seed() {
        CaptureHistory h = ReferenceTables.load("korea");
        var stepwise = ModelSearch.withDefaults().withFamily(ModelSearch.Family.LOGLINEAR).withMethod(ModelSearch.Method.STEPWISE);
        Bootstrap.Result a = new Bootstrap(200, 99, 0.95).run(h, t -> stepwise.run(t).selected().map(ModelFit::total).orElse(Double.NaN));
        Bootstrap.Result b = new Bootstrap(200, 99, 0.95).run(h, t -> stepwise.run(t).selected().map(ModelFit::total).orElse(Double.NaN));
        assertEquals(a.lower(), b.lower(), 0);
        assertEquals(a.upper(), b.upper(), 0);
        assertEquals(268.7777778, a.point(), 1e-6 * 268, "SparseMSE stepwise on korea");
    }

    @Test
    void type_8_quantiles_as_r_computes_them() {
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        // Hyndman & Fan (1996) type 8, as R's quantile.default: m = (p + 1)/3, j = floor(np + m), h = np + m - j;
        // for 1:10 at 0.9: j = 9, h = 0.6333, Q = 9.633333 (R prints 9.633333)
        assertEquals(1.0, Bootstrap.quantile8(x, 0.025), 1e-12);
        assertEquals(5.5, Bootstrap.quantile8(x, 0.5), 1e-12);
        assertEquals(9.633333333333333, Bootstrap.quantile8(x, 0.9), 1e-9);
    }

    @Test
    void a_table_reads_from_csv_with_line_and_column_in_errors() throws Exception {
        CaptureHistory h = CaptureHistoryCsv.read(new StringReader("A,B,count\n1,0,5\n0,1,7\n1,1,2\n1,0,1\n"));
        assertEquals(15, h.observed());
        assertEquals(6, h.count(1));
        var e = assertThrows(CaptureHistoryCsv.FormatException.class,
                () -> CaptureHistoryCsv.read(new StringReader("A,B,count\n1,2,5\n")));
        assertTrue(e.getMessage().contains("line 2, column B"), e.getMessage());
    }
}
