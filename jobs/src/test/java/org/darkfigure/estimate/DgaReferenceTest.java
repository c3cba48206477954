package org.darkfigure.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.darkfigure.estimate.bayes.DecomposableGraphs;
import org.darkfigure.estimate.bayes.Dga;
import org.darkfigure.estimate.bayes.Posterior;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every dga 2.0.2 number in ../shared/refdata/mse/expected-bayes.csv: {@code bma.cr(Y, 1:nmissing_max, delta,
 * graphsK, logprior)} summarised as BAYES.md says. Mean and relative-loss estimate to a relative 1e-6, median, mode
 * and 2.5%/97.5% quantiles within one person, the top model's cliques exactly (as a set: dga lists them in the order
 * of its stored graphs) and its probability to 1e-4.
 */
class DgaReferenceTest {

    static Stream<List<ExpectedBayesRows>> runs() {
        return ExpectedBayesRows.runs("dga").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void dga_bma_cr(List<ExpectedBayesRows> rows) {
        ExpectedBayesRows first = rows.get(0);
        Map<String, String> settings = first.settingsMap();
        CaptureHistory h = ReferenceTables.load(first.dataset());
        Dga.Result r = Dga.fit(h, new Dga.Options(Double.parseDouble(settings.get("delta")), prior(settings.get("prior")),
                Integer.parseInt(settings.get("nmissing_max"))));
        Posterior p = r.posterior();
        for (ExpectedBayesRows row : rows) {
            String what = "dga 2.0.2 bma.cr " + row;
            switch (row.quantity()) {
                case "mean" -> assertEquals(row.number(), p.mean(), Math.abs(row.number()) * 1e-6, what);
                case "bayes_rel" -> assertEquals(row.number(), p.relativeLoss(), Math.abs(row.number()) * 1e-6, what);
                case "median" -> assertEquals(row.number(), p.median(), 1, what);
                case "mode" -> assertEquals(row.number(), p.mode(), 1, what);
                case "q2.5" -> assertEquals(row.number(), p.quantile(0.025), 1, what);
                case "q97.5" -> assertEquals(row.number(), p.quantile(0.975), 1, what);
                case "top_model_prob" -> assertEquals(row.number(), r.topModel().probability(), 1e-4, what);
                case "top_model_cliques" -> assertEquals(cliqueSet(row.value()), cliqueSet(r.topModel().graph().label()), what);
                default -> throw new IllegalArgumentException("unknown quantity " + row);
            }
        }
    }

    /** "1/N" or "madigan_york(a=13.14,b=55.17)" as in the settings column. */
    static Dga.Prior prior(String text) {
        if (text.equals("1/N")) {
            return new Dga.OneOverN();
        }
        Matcher m = Pattern.compile("madigan_york\\(a=([0-9.]+),b=([0-9.]+)\\)").matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("unknown prior " + text);
        }
        return new Dga.MadiganYork(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)));
    }

    private static Set<String> cliqueSet(String label) {
        return Arrays.stream(label.split(",")).map(c -> c.chars().sorted()
                .mapToObj(ch -> String.valueOf((char) ch)).collect(Collectors.joining())).collect(Collectors.toCollection(TreeSet::new));
    }

    /** dga ships graphs3/4/5 with 8, 61 and 822 graphs; 18,154 labelled chordal graphs on 6 vertices (OEIS A058862). */
    @Test
    void decomposable_graph_counts() {
        assertEquals(1, DecomposableGraphs.of(1).size());
        assertEquals(2, DecomposableGraphs.of(2).size());
        assertEquals(8, DecomposableGraphs.of(3).size());
        assertEquals(61, DecomposableGraphs.of(4).size());
        assertEquals(822, DecomposableGraphs.of(5).size());
        assertEquals(18154, DecomposableGraphs.of(6).size());
    }

    /** The junction tree of a decomposable graph has one edge fewer than it has cliques, per connected component. */
    @Test
    void separators_of_the_path_1_2_3_and_of_a_disconnected_graph() {
        DecomposableGraphs.Graph path = DecomposableGraphs.of(3).stream().filter(g -> g.label().equals("12,23"))
                .findFirst().orElseThrow();
        assertEquals(List.of(0b010), Arrays.stream(path.separators()).boxed().toList());
        DecomposableGraphs.Graph split = DecomposableGraphs.of(3).stream().filter(g -> g.label().equals("12,3"))
                .findFirst().orElseThrow();
        assertEquals(0, split.separators().length);
    }
}
