package org.darkfigure.estimate.loglinear;

import java.util.EnumSet;
import java.util.Set;
import org.apache.commons.math3.special.Gamma;

/**
 * Poisson regression with log link, fitted by iteratively reweighted least squares exactly as R's
 * glm.fit does it (R 4.2): start at mu = y + 0.1; mu = max(exp(eta), DBL_EPSILON); stop when
 * |dev - dev_old| / (|dev| + 0.1) < 1e-8 or after 25 iterations; halve the step while the deviance is
 * not finite; and take the covariance from the weights of the last iteration (the fitted values of
 * the previous iterate), as summary.glm does from glm's QR. Following R step for step is what lets
 * results agree with Rcapture, SparseMSE and MultipleSystemsEstimation to 1e-6 rather than to the
 * convergence tolerance: where an MLE does not exist, coefficients run away and their values depend
 * on where R stops (see ../notes on Rcapture, section 2.6).
 *
 * <p>Works on plain arrays and skips zero entries of the design (log-linear designs are mostly 0/1):
 * a 6-list pairwise model fits in tens of microseconds, which makes exhaustive model search and
 * re-selecting bootstraps affordable. Responses may be non-integer (profile likelihoods use that).
 */
public final class PoissonGlm {

    public static final int MAX_ITERATIONS = 25;
    public static final double EPSILON = 1e-8;
    static final double DBL_EPSILON = Math.ulp(1.0);

    private PoissonGlm() {
    }

    /** What R's glm would warn about; each makes Rcapture flag the fit. */
    public enum Warning {
        DID_NOT_CONVERGE, FITTED_RATES_NUMERICALLY_ZERO, STEP_TRUNCATED, NOT_FULL_RANK
    }

    /** A fitted model. {@code covariance} is null when the design is not of full rank. */
    public record Fit(double[] coefficients, double[][] covariance, double[] fitted, double deviance,
                      double logLikelihood, int iterations, Set<Warning> warnings) {

        public boolean converged() {
            return !warnings.contains(Warning.DID_NOT_CONVERGE) && covariance != null;
        }

        /** Fitted and of full rank: numbers exist (they may still be flagged). */
        public boolean usable() {
            return covariance != null;
        }
    }

    /** A design matrix stored by rows as (column index, value) pairs of its non-zero entries. */
    public static final class Design {
        final int rows;
        final int columns;
        final int[][] index;
        final double[][] value;

        private Design(int rows, int columns, int[][] index, double[][] value) {
            this.rows = rows;
            this.columns = columns;
            this.index = index;
            this.value = value;
        }

        public static Design of(double[][] x) {
            int n = x.length;
            int p = x[0].length;
            int[][] index = new int[n][];
            double[][] value = new double[n][];
            for (int i = 0; i < n; i++) {
                int nz = 0;
                for (double v : x[i]) {
                    if (v != 0) {
                        nz++;
                    }
                }
                index[i] = new int[nz];
                value[i] = new double[nz];
                int k = 0;
                for (int j = 0; j < p; j++) {
                    if (x[i][j] != 0) {
                        index[i][k] = j;
                        value[i][k++] = x[i][j];
                    }
                }
            }
            return new Design(n, p, index, value);
        }

        public int rows() {
            return rows;
        }

        public int columns() {
            return columns;
        }

        double linear(int row, double[] beta) {
            double e = 0;
            int[] idx = index[row];
            double[] val = value[row];
            for (int k = 0; k < idx.length; k++) {
                e += val[k] * beta[idx[k]];
            }
            return e;
        }

        /** Row i as a dense array. */
        double[] row(int i) {
            double[] r = new double[columns];
            for (int k = 0; k < index[i].length; k++) {
                r[index[i][k]] = value[i][k];
            }
            return r;
        }
    }

    public static Fit fit(double[][] x, double[] y) {
        return fit(Design.of(x), y, null);
    }

    /** Fits with an optional offset added to the linear predictor (null for none). */
    public static Fit fit(Design x, double[] y, double[] offset) {
        return fit(x, y, offset, MAX_ITERATIONS, EPSILON);
    }

    /** R's algorithm with another iteration cap and stopping tolerance (0 runs every iteration). */
    static Fit fit(Design x, double[] y, double[] offset, int maxIterations, double epsilon) {
        int n = x.rows;
        int p = x.columns;
        if (y.length != n) {
            throw new IllegalArgumentException("y has " + y.length + " values for " + n + " design rows");
        }
        Set<Warning> warnings = EnumSet.noneOf(Warning.class);
        double[] mu = new double[n];
        double[] eta = new double[n];
        for (int i = 0; i < n; i++) {
            eta[i] = Math.log(y[i] + 0.1); // R's mustart for the Poisson family
            mu[i] = linkinv(eta[i]);
        }
        double devOld = deviance(y, mu);
        double deviance = devOld;
        double[] beta = new double[p];
        double[] coefOld = null;
        double[][] information = new double[p][p];
        double[] rhs = new double[p];
        double[][] factor = new double[p][p];
        boolean converged = false;
        int iteration = 0;
        while (iteration < maxIterations) {
            iteration++;
            for (double[] row : information) {
                java.util.Arrays.fill(row, 0);
            }
            java.util.Arrays.fill(rhs, 0);
            for (int i = 0; i < n; i++) {
                double w = mu[i];
                double z = (eta[i] - (offset == null ? 0 : offset[i])) + (y[i] - mu[i]) / mu[i];
                int[] idx = x.index[i];
                double[] val = x.value[i];
                for (int a = 0; a < idx.length; a++) {
                    double wa = w * val[a];
                    rhs[idx[a]] += wa * z;
                    double[] infoRow = information[idx[a]];
                    for (int b = a; b < idx.length; b++) {
                        infoRow[idx[b]] += wa * val[b];
                    }
                }
            }
            symmetrise(information);
            if (!cholesky(information, factor)) {
                warnings.add(Warning.NOT_FULL_RANK);
                return new Fit(beta, null, mu.clone(), deviance, logLikelihood(y, mu), iteration, warnings);
            }
            beta = solve(factor, rhs);
            update(x, beta, offset, eta, mu);
            deviance = deviance(y, mu);
            if (!Double.isFinite(deviance)) {
                if (coefOld == null) {
                    // R stops: "no valid set of coefficients has been found"
                    warnings.add(Warning.DID_NOT_CONVERGE);
                    return new Fit(beta, null, mu.clone(), deviance, Double.NaN, iteration, warnings);
                }
                warnings.add(Warning.STEP_TRUNCATED);
                for (int ii = 1; !Double.isFinite(deviance); ii++) {
                    if (ii > maxIterations) {
                        return new Fit(beta, null, mu.clone(), deviance, Double.NaN, iteration, warnings);
                    }
                    for (int j = 0; j < p; j++) {
                        beta[j] = (beta[j] + coefOld[j]) / 2;
                    }
                    update(x, beta, offset, eta, mu);
                    deviance = deviance(y, mu);
                }
            }
            if (Math.abs(deviance - devOld) / (Math.abs(deviance) + 0.1) < epsilon) {
                converged = true;
                break;
            }
            devOld = deviance;
            coefOld = beta.clone();
        }
        if (!converged) {
            warnings.add(Warning.DID_NOT_CONVERGE);
        }
        for (double m : mu) {
            if (m < 10 * DBL_EPSILON) {
                warnings.add(Warning.FITTED_RATES_NUMERICALLY_ZERO);
                break;
            }
        }
        // Covariance from the last iteration's weights, as summary.glm computes it from glm's QR.
        double[][] covariance = inverse(factor);
        return new Fit(beta, covariance, mu.clone(), deviance, logLikelihood(y, mu), iteration, warnings);
    }

    private static double linkinv(double eta) {
        return Math.max(Math.exp(eta), DBL_EPSILON);
    }

    private static void update(Design x, double[] beta, double[] offset, double[] eta, double[] mu) {
        for (int i = 0; i < x.rows; i++) {
            eta[i] = x.linear(i, beta) + (offset == null ? 0 : offset[i]);
            mu[i] = linkinv(eta[i]);
        }
    }

    /** Copies the upper triangle (filled in ascending column order) to the lower one. */
    private static void symmetrise(double[][] a) {
        int p = a.length;
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < i; j++) {
                a[i][j] = a[j][i];
            }
        }
    }

    /**
     * Cholesky factor L (lower) of a symmetric positive semi-definite matrix; false when a pivot falls
     * below 1e-22 of the diagonal scale, the Cholesky counterpart of R's QR rank tolerance 1e-11 (which
     * applies to column norms, i.e. square roots of these).
     */
    static boolean cholesky(double[][] a, double[][] l) {
        int p = a.length;
        for (int j = 0; j < p; j++) {
            double d = a[j][j];
            double[] lj = l[j];
            for (int k = 0; k < j; k++) {
                d -= lj[k] * lj[k];
            }
            if (!(d > 1e-22 * a[j][j]) || !(d > 0)) {
                return false;
            }
            double root = Math.sqrt(d);
            lj[j] = root;
            for (int i = j + 1; i < p; i++) {
                double s = a[i][j];
                double[] li = l[i];
                for (int k = 0; k < j; k++) {
                    s -= li[k] * lj[k];
                }
                li[j] = s / root;
            }
        }
        return true;
    }

    static double[] solve(double[][] l, double[] b) {
        int p = b.length;
        double[] z = new double[p];
        for (int i = 0; i < p; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * z[k];
            }
            z[i] = s / l[i][i];
        }
        double[] x = new double[p];
        for (int i = p - 1; i >= 0; i--) {
            double s = z[i];
            for (int k = i + 1; k < p; k++) {
                s -= l[k][i] * x[k];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }

    static double[][] inverse(double[][] l) {
        int p = l.length;
        double[][] inv = new double[p][];
        for (int j = 0; j < p; j++) {
            double[] e = new double[p];
            e[j] = 1;
            inv[j] = solve(l, e);
        }
        return inv;
    }

    /** Poisson deviance 2 * sum(y log(y/mu) - (y - mu)); for y = 0 the term is 2 mu. */
    public static double deviance(double[] y, double[] mu) {
        double d = 0;
        for (int i = 0; i < y.length; i++) {
            d += (y[i] > 0 ? y[i] * Math.log(y[i] / mu[i]) : 0) - (y[i] - mu[i]);
        }
        return 2 * d;
    }

    /** Full Poisson log-likelihood, with the log(y!) terms, as R's glm uses for AIC. */
    public static double logLikelihood(double[] y, double[] mu) {
        double l = 0;
        for (int i = 0; i < y.length; i++) {
            l += (y[i] > 0 ? y[i] * Math.log(mu[i]) : 0) - mu[i] - Gamma.logGamma(y[i] + 1);
        }
        return l;
    }
}
