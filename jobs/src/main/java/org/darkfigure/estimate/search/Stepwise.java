package org.darkfigure.estimate.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.math3.special.Gamma;
import org.darkfigure.estimate.CaptureHistory;
import org.darkfigure.estimate.loglinear.ExistenceCheck;
import org.darkfigure.estimate.loglinear.LogLinearModel;
import org.darkfigure.estimate.loglinear.ModelFit;

/**
 * SparseMSE's stepwise selection of two-list effects (Chan, Silverman &amp; Vincent 2021;
 * stepwisefit in SparseMSE 2.0.1). Forward only, from the main-effects model: at each step, for every
 * pair (i, j) not yet in the model (in the order (1,2), (1,3), ..., (K-1,K)), the observed overlap n*
 * is compared with a Poisson whose mean mu* is its fitted value under the current model; p =
 * min(P(X &lt;= n*), P(X &gt;= n*)), and a pair whose addition fails the existence check gets p = 1.
 * The pair with the smallest p (the first on ties) is added while p &lt; the threshold (0.02).
 */
final class Stepwise {

    private Stepwise() {
    }

    static ModelSearch.Result search(ModelSearch config, CaptureHistory history) {
        int k = history.k();
        List<Integer> pairs = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                pairs.add((1 << i) | (1 << j));
            }
        }
        long[] overlap = new long[pairs.size()];
        for (int c = 0; c < pairs.size(); c++) {
            int pair = pairs.get(c);
            for (int p = 1; p < history.cells(); p++) {
                if ((p & pair) == pair) {
                    overlap[c] += history.count(p);
                }
            }
        }
        boolean[] included = new boolean[pairs.size()];
        List<Integer> path = new ArrayList<>();
        LogLinearModel model = LogLinearModel.independence(k);
        ModelFit fit = model.fitTo(history);
        long fits = 1;
        for (int cycle = 0; cycle < pairs.size() && fit.ok(); cycle++) {
            double best = 1;
            int chosen = -1;
            for (int c = 0; c < pairs.size(); c++) {
                if (included[c]) {
                    continue;
                }
                int pair = pairs.get(c);
                double expected = 0;
                for (int p = 1; p < history.cells(); p++) {
                    if ((p & pair) == pair) {
                        expected += fit.fitted(p);
                    }
                }
                double pValue = tailProbability(overlap[c], expected);
                if (pValue < best && ExistenceCheck.check(model.with(pair).fitTo(history), history)
                        != ExistenceCheck.Outcome.OK) {
                    pValue = 1;
                }
                if (pValue < best) {
                    best = pValue;
                    chosen = c;
                }
            }
            if (chosen < 0 || best >= config.stepwiseThreshold()) {
                break;
            }
            included[chosen] = true;
            path.add(pairs.get(chosen));
            model = model.with(pairs.get(chosen));
            fit = model.fitTo(history);
            fits++;
        }
        String description = "stepwise forward selection of two-list effects (SparseMSE, p < "
                + config.stepwiseThreshold() + ")";
        return new ModelSearch.Result(fit.ok() ? Optional.of(fit) : Optional.empty(), fit.ok() ? List.of(fit) : List.of(),
                fits, fit.ok() ? Map.of() : Map.of(fit.status().name(), 1L), description, List.copyOf(path));
    }

    /** min(P(X <= n), P(X >= n)) for X ~ Poisson(mu), from the regularised gamma functions (no cancellation). */
    static double tailProbability(long n, double mu) {
        if (mu <= 0) {
            return n == 0 ? 1 : 0;
        }
        double lower = Gamma.regularizedGammaQ(n + 1, mu); // P(X <= n)
        double upper = n == 0 ? 1 : Gamma.regularizedGammaP(n, mu); // P(X >= n)
        return Math.min(lower, upper);
    }
}
