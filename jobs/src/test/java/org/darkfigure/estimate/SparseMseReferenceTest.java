package org.darkfigure.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.darkfigure.estimate.loglinear.LogLinearModel;
import org.darkfigure.estimate.loglinear.ModelFit;
import org.darkfigure.estimate.search.ModelSearch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every SparseMSE 2.0.1 and MultipleSystemsEstimation 1.2.0 number in ../shared/refdata/mse/expected.csv:
 * SparseMSE estimatepopulation.0 (stepwise with pthresh 0.02, and main effects): the selected two-list
 * effects in the order of addition, the total and the model-conditional 95% interval, to a relative 1e-6;
 * MultipleSystemsEstimation estimate_population(method = "bic"): the selected model, total and BIC.
 */
class SparseMseReferenceTest {

    static Stream<List<ExpectedRows>> sparseMse() {
        Map<String, List<ExpectedRows>> runs = new LinkedHashMap<>();
        for (ExpectedRows r : ExpectedRows.of("estimatepopulation.0 pthresh=0.02")) {
            runs.computeIfAbsent(r.dataset() + "|" + r.model(), k -> new ArrayList<>()).add(r);
        }
        return runs.values().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sparseMse")
    void sparsemse_estimatepopulation_0(List<ExpectedRows> rows) {
        ExpectedRows first = rows.get(0);
        CaptureHistory h = ReferenceTables.load(first.dataset());
        ModelFit fit;
        if (first.model().equals("main")) {
            fit = LogLinearModel.independence(h.k()).fitTo(h);
        } else {
            ModelSearch.Result search = ModelSearch.withDefaults().withFamily(ModelSearch.Family.LOGLINEAR).withMethod(ModelSearch.Method.STEPWISE).run(h);
            fit = search.selected().orElseThrow();
            assertEquals(first.model(), "stepwise:" + label(search.path(), fit, h), "SparseMSE stepwise path for " + first);
        }
        Interval ci = fit.conditionalInterval(0.95);
        for (ExpectedRows r : rows) {
            double actual = switch (r.quantity()) {
                case "total" -> fit.total();
                case "lower" -> ci.lower();
                case "upper" -> ci.upper();
                default -> throw new IllegalArgumentException(r.quantity());
            };
            assertEquals(r.value(), actual, Math.abs(r.value()) * 1e-6, "SparseMSE estimatepopulation.0 " + r);
        }
    }

    /** SparseMSE's label: the added pairs with cases in common, in order of addition ("(none)" if none). */
    static String label(List<Integer> path, ModelFit fit, CaptureHistory h) {
        List<String> names = new ArrayList<>();
        for (int pair : path) {
            long overlap = 0;
            for (int p = 1; p < h.cells(); p++) {
                if ((p & pair) == pair) {
                    overlap += h.count(p);
                }
            }
            if (overlap > 0) {
                int i = Integer.numberOfTrailingZeros(pair);
                int j = 31 - Integer.numberOfLeadingZeros(pair);
                names.add(h.lists().get(i) + ":" + h.lists().get(j));
            }
        }
        return names.isEmpty() ? "(none)" : String.join(" ", names);
    }

    static Stream<List<ExpectedRows>> mse() {
        Map<String, List<ExpectedRows>> runs = new LinkedHashMap<>();
        for (ExpectedRows r : ExpectedRows.of("estimate_population bic")) {
            runs.computeIfAbsent(r.dataset() + "|" + r.maxOrder(), k -> new ArrayList<>()).add(r);
        }
        return runs.values().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mse")
    void multiplesystemsestimation_bic(List<ExpectedRows> rows) {
        ExpectedRows first = rows.get(0);
        CaptureHistory h = ReferenceTables.load(first.dataset());
        ModelSearch.Result search = ModelSearch.withDefaults().withFamily(ModelSearch.Family.LOGLINEAR).withRule(ModelSearch.SelectionRule.EXISTENCE)
                .withMethod(ModelSearch.Method.EXHAUSTIVE).withMaxOrder(Integer.parseInt(first.maxOrder())).run(h);
        ModelFit best = search.selected().orElseThrow();
        assertEquals(LogLinearModel.parse(first.model(), h.k()), best.model(), "selected model for " + first);
        for (ExpectedRows r : rows) {
            double actual = r.quantity().equals("total") ? best.total() : best.bic();
            assertEquals(r.value(), actual, Math.abs(r.value()) * 1e-6, "MultipleSystemsEstimation " + r);
        }
    }
}
