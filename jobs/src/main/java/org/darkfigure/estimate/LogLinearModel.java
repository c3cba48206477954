package org.darkfigure.estimate;

import java.util.ArrayList;
import java.util.List;

/**
 * A hierarchical log-linear model for a K-list capture-history table, given by the interaction
 * terms beyond the main effects (each a bit mask of two or more lists). The expected count of
 * pattern p is exp(sum of the coefficients of every term contained in p); the unobserved cell is
 * exp(intercept), so N = n + exp(intercept).
 */
public record LogLinearModel(int k, List<Integer> interactions) {

    public LogLinearModel {
        if (k < 2) {
            throw new IllegalArgumentException("a log-linear model needs at least 2 lists: " + k);
        }
        interactions = List.copyOf(interactions);
        for (int term : interactions) {
            if (Integer.bitCount(term) < 2 || term >= 1 << k) {
                throw new IllegalArgumentException("interaction " + Integer.toBinaryString(term)
                        + " is not a set of two or more of " + k + " lists");
            }
        }
    }

    /** All lists independent: main effects only. */
    public static LogLinearModel independence(int k) {
        return new LogLinearModel(k, List.of());
    }

    /** The model's name by generators, lists numbered from 1: independence of three lists is [1][2][3]. */
    public String name() {
        StringBuilder s = new StringBuilder();
        for (int list = 0; list < k; list++) {
            final int bit = 1 << list;
            if (interactions.stream().noneMatch(t -> (t & bit) != 0)) {
                s.append('[').append(list + 1).append(']');
            }
        }
        for (int term : interactions) {
            if (interactions.stream().anyMatch(other -> other != term && (other & term) == term)) {
                continue; // implied by a larger term
            }
            s.append('[');
            for (int list = 0; list < k; list++) {
                if ((term & (1 << list)) != 0) {
                    s.append(list + 1);
                }
            }
            s.append(']');
        }
        return s.toString();
    }

    public int parameters() {
        return 1 + k + interactions.size();
    }

    /** Design matrix over the observed cells (patterns 1 .. 2^K - 1, in that order). */
    double[][] design() {
        int cells = (1 << k) - 1;
        double[][] x = new double[cells][parameters()];
        for (int p = 1; p <= cells; p++) {
            double[] row = x[p - 1];
            row[0] = 1;
            for (int list = 0; list < k; list++) {
                row[1 + list] = (p & (1 << list)) != 0 ? 1 : 0;
            }
            for (int t = 0; t < interactions.size(); t++) {
                int term = interactions.get(t);
                row[1 + k + t] = (p & term) == term ? 1 : 0;
            }
        }
        return x;
    }

    /**
     * Fits the model and estimates the total. The standard error is Rcapture's for Poisson
     * log-linear fits: var(N) = f0 + f0^2 var(intercept), with f0 = exp(intercept).
     */
    public Estimate fit(CaptureHistory history, double level) {
        if (history.k() != k) {
            throw new IllegalArgumentException("model " + name() + " is for " + k + " lists, table has " + history.k());
        }
        long n = history.observed();
        int cells = (1 << k) - 1;
        if (parameters() > cells) {
            return Estimate.failed("loglinear", name(), n, EstimateStatus.NOT_IDENTIFIABLE,
                    "The model has " + parameters() + " parameters but the table only " + cells + " observable cells.",
                    level);
        }
        double[] y = new double[cells];
        for (int p = 1; p <= cells; p++) {
            y[p - 1] = history.count(p);
        }
        PoissonGlm.Fit fit = PoissonGlm.fit(design(), y);
        if (!fit.converged() || fit.covariance() == null) {
            return Estimate.failed("loglinear", name(), n, EstimateStatus.DID_NOT_CONVERGE,
                    "The model could not be fitted to this table (it may be too sparse for it).", level);
        }
        double f0 = Math.exp(fit.coefficients()[0]);
        double total = n + f0;
        double stderr = Math.sqrt(f0 + f0 * f0 * fit.covariance()[0][0]);
        int df = cells - parameters();
        double aic = -2 * fit.logLikelihood() + 2 * parameters();
        double bic = -2 * fit.logLikelihood() + Math.log(n) * parameters();
        List<String> warnings = new ArrayList<>();
        if (interactions.isEmpty() && k >= 3) {
            warnings.add("The independence model assumes no list affects another and everyone is equally likely to be "
                    + "recorded; with heterogeneous capture it underestimates.");
        }
        if (f0 > 10 * n) {
            warnings.add("The estimated unseen count is more than ten times the observed count: the estimate is fragile.");
        }
        return new Estimate("loglinear", name(), n, total, stderr, Interval.logNormal(n, total, stderr, level),
                EstimateStatus.OK, warnings, new FitDiagnostics(fit.deviance(), df, aic, bic, parameters()));
    }
}
