package org.darkfigure.estimate.loglinear;

/**
 * A Poisson log-linear model of a K-list capture-history table: its columns (after the intercept)
 * over the observable patterns, and how the total follows from the fitted coefficients. The
 * unobserved pattern is the intercept's cell, so by default N = n + exp(intercept).
 */
public interface CaptureModel {

    /** The model's name as users write it: Rcapture's for its models, generators for hierarchical ones. */
    String name();

    int k();

    /**
     * The model's columns after the intercept: one row per observable pattern 1 .. 2^K - 1 in that
     * order (bit i of a pattern is list i + 1).
     */
    double[][] columns();

    /**
     * For Chao's lower-bound models, the number of coefficients (intercept included) before the
     * heterogeneity columns eta_3 .. eta_t, which Rcapture drops one by one while any is negative;
     * 0 for every other model.
     */
    default int chaoNca() {
        return 0;
    }

    /**
     * The total and its standard error from the final coefficients and covariance. {@code kept}
     * names, for each final coefficient, its column in the full design (intercept 0), so models whose
     * total is not n + exp(intercept) can find their coefficients.
     */
    default double[] totalAndStderr(long observed, double[] coefficients, double[][] covariance, int[] kept) {
        double f0 = Math.exp(coefficients[0]);
        return new double[] {observed + f0, Math.sqrt(f0 + f0 * f0 * covariance[0][0])};
    }

    /** The number of captures of each pattern (a column shared by several models). */
    static double[] captures(int k) {
        double[] c = new double[(1 << k) - 1];
        for (int p = 1; p < 1 << k; p++) {
            c[p - 1] = Integer.bitCount(p);
        }
        return c;
    }
}
