package org.darkfigure.estimate;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.special.Gamma;

/**
 * Poisson regression with log link, fitted by iteratively reweighted least squares exactly as R's
 * glm.fit does it: start at y + 0.1, stop when |dev - dev_old| / (|dev| + 0.1) < 1e-8 or after 25
 * iterations, and take the covariance from the weights of the last iteration. Following R step for
 * step is what lets results agree with Rcapture and SparseMSE to 1e-6 rather than to the
 * convergence tolerance.
 */
public final class PoissonGlm {

    private static final int MAX_ITERATIONS = 25;
    private static final double EPSILON = 1e-8;

    private PoissonGlm() {
    }

    /** A fitted model: coefficients, their covariance (inverse Fisher information), and fit statistics. */
    public record Fit(double[] coefficients, double[][] covariance, double[] fitted, double deviance,
                      double logLikelihood, int iterations, boolean converged) {
    }

    /**
     * Fits y ~ Poisson(exp(X beta)). Returns a fit with {@code converged=false} when the iterations
     * do not settle or the information matrix is singular (the caller decides what that means).
     */
    public static Fit fit(double[][] x, double[] y) {
        int n = y.length;
        int p = x[0].length;
        RealMatrix design = new Array2DRowRealMatrix(x, false);
        double[] mu = new double[n];
        double[] eta = new double[n];
        for (int i = 0; i < n; i++) {
            mu[i] = y[i] + 0.1; // R's start for the Poisson family: y + 0.1
            eta[i] = Math.log(mu[i]);
        }
        double deviance = deviance(y, mu);
        double[] beta = new double[p];
        RealMatrix information = null;
        boolean converged = false;
        int iteration = 0;
        while (iteration < MAX_ITERATIONS) {
            iteration++;
            double[] z = new double[n];
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                w[i] = mu[i];
                z[i] = eta[i] + (y[i] - mu[i]) / mu[i];
            }
            information = weightedCrossProduct(design, w);
            RealVector rhs = design.transpose().operate(new ArrayRealVector(multiply(w, z), false));
            DecompositionSolver solver;
            try {
                solver = new CholeskyDecomposition(information, 1e-14, 1e-14).getSolver();
            } catch (NonPositiveDefiniteMatrixException e) {
                return new Fit(beta, null, mu, deviance, logLikelihood(y, mu), iteration, false);
            }
            beta = solver.solve(rhs).toArray();
            for (int i = 0; i < n; i++) {
                double e = 0;
                for (int j = 0; j < p; j++) {
                    e += x[i][j] * beta[j];
                }
                eta[i] = e;
                mu[i] = Math.exp(e);
            }
            double next = deviance(y, mu);
            if (Math.abs(next - deviance) / (Math.abs(next) + 0.1) < EPSILON) {
                deviance = next;
                converged = true;
                break;
            }
            deviance = next;
        }
        // Covariance from the last iteration's weights, as summary.glm computes it from glm's QR.
        double[][] covariance = null;
        try {
            covariance = new CholeskyDecomposition(information, 1e-14, 1e-14).getSolver().getInverse().getData();
        } catch (NonPositiveDefiniteMatrixException e) {
            converged = false;
        }
        return new Fit(beta, covariance, mu.clone(), deviance, logLikelihood(y, mu), iteration, converged);
    }

    private static RealMatrix weightedCrossProduct(RealMatrix x, double[] w) {
        int n = x.getRowDimension();
        int p = x.getColumnDimension();
        double[][] out = new double[p][p];
        for (int i = 0; i < n; i++) {
            double[] row = x.getRow(i);
            for (int a = 0; a < p; a++) {
                if (row[a] == 0) {
                    continue;
                }
                double wa = w[i] * row[a];
                for (int b = a; b < p; b++) {
                    out[a][b] += wa * row[b];
                }
            }
        }
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < a; b++) {
                out[a][b] = out[b][a];
            }
        }
        return new Array2DRowRealMatrix(out, false);
    }

    private static double[] multiply(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] * b[i];
        }
        return out;
    }

    /** Poisson deviance 2 * sum(y log(y/mu) - (y - mu)). */
    static double deviance(double[] y, double[] mu) {
        double d = 0;
        for (int i = 0; i < y.length; i++) {
            d += (y[i] > 0 ? y[i] * Math.log(y[i] / mu[i]) : 0) - (y[i] - mu[i]);
        }
        return 2 * d;
    }

    /** Full Poisson log-likelihood, with the log(y!) terms, as R's glm uses for AIC. */
    static double logLikelihood(double[] y, double[] mu) {
        double l = 0;
        for (int i = 0; i < y.length; i++) {
            l += (y[i] > 0 ? y[i] * Math.log(mu[i]) : 0) - mu[i] - Gamma.logGamma(y[i] + 1);
        }
        return l;
    }
}
