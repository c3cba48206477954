package org.darkfigure.estimate.bayes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Effective sample size and split R-hat against what theory says: independent draws are worth about as many
 * independent draws; an AR(1) chain with coefficient phi is worth n (1 - phi) / (1 + phi) (its integrated
 * autocorrelation time is (1 + phi) / (1 - phi)); chains centred apart have R-hat well above 1.
 */
class McmcDiagnosticsTest {

    private static double[][] ar1(double phi, double shift, int chains, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] out = new double[chains][n];
        for (int c = 0; c < chains; c++) {
            double x = 0;
            for (int i = 0; i < n; i++) {
                x = phi * x + Math.sqrt(1 - phi * phi) * r.nextGaussian();
                out[c][i] = x + c * shift;
            }
        }
        return out;
    }

    @Test
    void independent_draws() {
        McmcDiagnostics.Summary s = McmcDiagnostics.of(ar1(0, 0, 4, 1000, 1));
        assertEquals(4000, s.ess(), 400);
        assertEquals(1, s.rhat(), 0.01);
    }

    @Test
    void autocorrelated_draws() {
        // phi 0.9: tau = 19, so 4 x 5000 draws are worth about 1050
        McmcDiagnostics.Summary s = McmcDiagnostics.of(ar1(0.9, 0, 4, 5000, 2));
        assertEquals(20000 / 19.0, s.ess(), 200);
        assertEquals(1, s.rhat(), 0.02);
    }

    @Test
    void chains_apart() {
        McmcDiagnostics.Summary s = McmcDiagnostics.of(ar1(0.5, 1, 2, 1000, 3));
        assertTrue(s.rhat() > 1.05, "rhat " + s.rhat());
    }
}
