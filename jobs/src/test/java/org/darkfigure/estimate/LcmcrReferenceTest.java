package org.darkfigure.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.darkfigure.estimate.bayes.Lcmcr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every LCMCR 0.4.14 number in ../shared/refdata/mse/expected-bayes.csv ({@code lcmCR(K = 10, a_alpha = b_alpha =
 * 0.25)}, {@code lcmCR_PostSampl(burnin = 10000, samples = 1000, thinning = 100)}), at the same settings with two
 * chains: the posterior median within 5% of R's and the 2.5% and 97.5% quantiles within 10% (Monte Carlo tolerances:
 * R's numbers come from one chain of another random number generator). R's posterior means are in the CSV too; the
 * issue does not set a tolerance for them, so they are checked loosely (10%) as a sanity check only.
 *
 * <p>The seed is the command's default (1): R's seed 20240101 means nothing to our generator. The tail quantiles are
 * the fragile part: with an earlier version of our variates, seed 20240101 sent one new_orleans_5 chain on a rare
 * long excursion to large totals (effective sample size 342, which the diagnostics flagged) and the 97.5% quantile
 * came out 1541, 17% above R's 1321; with the present variates, seeds 1..4 (2 chains each) give 1329..1393.
 */
class LcmcrReferenceTest {

    static Stream<List<ExpectedBayesRows>> runs() {
        return ExpectedBayesRows.runs("LCMCR").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void lcmcr_posterior_of_the_total(List<ExpectedBayesRows> rows) {
        ExpectedBayesRows first = rows.get(0);
        Map<String, String> s = first.settingsMap();
        CaptureHistory h = ReferenceTables.load(first.dataset());
        Lcmcr.Options options = Lcmcr.Options.defaults()
                .withClasses(Integer.parseInt(s.get("K")))
                .withBurnin(Integer.parseInt(s.get("burnin")))
                .withSamples(Integer.parseInt(s.get("samples")))
                .withThinning(Integer.parseInt(s.get("thinning")))
                .withSeed(Lcmcr.Options.defaults().seed());
        assertEquals(Double.parseDouble(s.get("a_alpha")), options.aAlpha());
        assertEquals(Double.parseDouble(s.get("b_alpha")), options.bAlpha());
        Lcmcr.Result r = Lcmcr.fit(h, options);
        for (ExpectedBayesRows row : rows) {
            String what = "LCMCR 0.4.14 " + row + " (ours: median " + r.posterior().median() + ", 2.5% "
                    + r.posterior().quantile(0.025) + ", 97.5% " + r.posterior().quantile(0.975) + ", mean "
                    + r.posterior().mean() + ")";
            double expected = row.number();
            switch (row.quantity()) {
                case "median" -> assertEquals(expected, r.posterior().median(), 0.05 * expected, what);
                case "q2.5" -> assertEquals(expected, r.posterior().quantile(0.025), 0.10 * expected, what);
                case "q97.5" -> assertEquals(expected, r.posterior().quantile(0.975), 0.10 * expected, what);
                case "mean" -> assertEquals(expected, r.posterior().mean(), 0.10 * expected, what);
                default -> throw new IllegalArgumentException("unknown quantity " + row);
            }
        }
    }

    /** Kosovo mixes slowly: 2 x 200 unthinned draws are worth far fewer than 400, and the command says so. */
    @Test
    void poor_mixing_is_flagged() {
        Lcmcr.Result r = Lcmcr.fit(ReferenceTables.load("kosovo"),
                Lcmcr.Options.defaults().withBurnin(200).withSamples(200).withThinning(1));
        assertTrue(r.diagnostics().ess() < Lcmcr.ESS_WARNING, "ess " + r.diagnostics().ess());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("independent draws")), r.warnings().toString());
    }

    /** The same seed gives the same draws whether the chains run on one thread or several. */
    @Test
    void reproducible_whatever_the_threads() throws Exception {
        CaptureHistory h = ReferenceTables.load("korea");
        Lcmcr.Options o = Lcmcr.Options.defaults().withBurnin(500).withSamples(200).withThinning(5).withSeed(7).withChains(3);
        Lcmcr.Result parallel = Lcmcr.fit(h, o);
        java.util.concurrent.ForkJoinPool one = new java.util.concurrent.ForkJoinPool(1);
        Lcmcr.Result single = one.submit(() -> Lcmcr.fit(h, o)).get();
        one.shutdown();
        for (int c = 0; c < 3; c++) {
            assertArrayEquals(parallel.draws()[c], single.draws()[c]);
        }
        assertTrue(parallel.posterior().median() >= h.observed());
    }
}
