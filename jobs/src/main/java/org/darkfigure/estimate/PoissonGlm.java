package org.darkfigure.estimate;

import org.apache.commons.math3.special.Gamma;

/**
 * Poisson regression with log link, fitted by iteratively reweighted least squares exactly as R's
 * glm.fit does it: start at mu = y + 0.1, stop when |dev - dev_old| / (|dev| + 0.1) < 1e-8 or after
 * 25 iterations, and take the covariance from the weights of the last iteration. Following R step
 * for step is what lets results agree with Rcapture, SparseMSE and MultipleSystemsEstimation to
 * 1e-6 rather than to the convergence tolerance.
 *
 * <p>Works on plain arrays and skips zero entries of the design (log-linear designs are mostly
 * 0/1 and sparse): a 6-list pairwise model fits in a few microseconds, which is what makes
 * exhaustive model search and re-selecting bootstraps affordable.
 */
public final class PoissonGlm {

    public static final int MAX_ITERATIONS = 25;
    public static final double EPSILON = 1e-8;

    private PoissonGlm() {
    }

    /** A fitted model. {@code covariance} is null when the information matrix is singular. */
    public record Fit(double[] coefficients, double[][] covariance, double[] fitted, double deviance,
                      double logLikelihood, int iterations, boolean converged) {

        public boolean usable() {
            return converged && covariance != null;
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
    }

    public static Fit fit(double[][] x, double[] y) {
        return fit(Design.of(x), y, null);
    }

    /** Fits with an optional offset added to the linear predictor (null for none). */
    public static Fit fit(Design x, double[] y, double[] offset) {
        int n = x.rows;
        int p = x.columns;
        if (y.length != n) {
            throw new IllegalArgumentException("y has " + y.length + " values for " + n + " design rows");
        }
        double[] mu = new double[n];
        double[] eta = new double[n];
        for (int i = 0; i < n; i++) {
            mu[i] = y[i] + 0.1; // R's mustart for the Poisson family
            eta[i] = Math.log(mu[i]);
        }
        double devOld = deviance(y, mu);
        double deviance = devOld;
        double[] beta = new double[p];
        double[][] information = new double[p][p];
        double[] rhs = new double[p];
        double[][] factor = new double[p][p];
        boolean converged = false;
        boolean singular = false;
        int iteration = 0;
        while (iteration < MAX_ITERATIONS) {
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
                singular = true;
                break;
            }
            beta = solve(factor, rhs);
            for (int i = 0; i < n; i++) {
                eta[i] = x.linear(i, beta) + (offset == null ? 0 : offset[i]);
                mu[i] = Math.exp(eta[i]);
            }
            deviance = deviance(y, mu);
            if (!Double.isFinite(deviance)) {
                break;
            }
            if (Math.abs(deviance - devOld) / (Math.abs(deviance) + 0.1) < EPSILON) {
                converged = true;
                break;
            }
            devOld = deviance;
        }
        double[][] covariance = singular ? null : inverse(factor);
        return new Fit(beta, covariance, mu, deviance, logLikelihood(y, mu), iteration, converged && !singular);
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

    /** Cholesky factor L (lower) of a symmetric positive-definite matrix; false when it is not. */
    static boolean cholesky(double[][] a, double[][] l) {
        int p = a.length;
        double scale = 0;
        for (int i = 0; i < p; i++) {
            scale = Math.max(scale, Math.abs(a[i][i]));
        }
        double tolerance = 1e-12 * Math.max(scale, 1e-300);
        for (int j = 0; j < p; j++) {
            double d = a[j][j];
            double[] lj = l[j];
            for (int k = 0; k < j; k++) {
                d -= lj[k] * lj[k];
            }
            if (!(d > tolerance)) {
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

    /** Poisson deviance 2 * sum(y log(y/mu) - (y - mu)). */
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
