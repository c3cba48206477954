package org.darkfigure.estimate.loglinear;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.special.Gamma;
import org.darkfigure.estimate.CaptureHistory;
import org.darkfigure.estimate.Interval;
import org.darkfigure.estimate.IntervalMethod;

/**
 * Profile-likelihood interval for the total (Cormack 1992), as Rcapture's closedpCI.t computes it:
 * for a candidate total N the table gets the unobserved cell with count N - n, the same model is
 * refitted to all 2^K cells (Chao's negative-eta rule applied afresh), and the multinomial profile
 * log-likelihood is -deviance/2 + ct(N), with ct Cormack's correction (Stirling forms above N = 100).
 * The maximum is found with R's optimize on [n, 1.5 N], the bounds with R's uniroot on [n, Nmax] and
 * [Nmax, 3 N], all with tolerance 1e-4 as in Rcapture. A bound that does not exist in that range is
 * reported (the lower one is then n, the upper one missing), never invented.
 */
public final class ProfileLikelihood {

    private static final double TOLERANCE = 1e-4;

    private ProfileLikelihood() {
    }

    /** The interval and what to say about it. */
    public record Result(double maximum, double lower, double upper, double level, List<String> warnings) {

        public Interval interval() {
            return new Interval(lower, Double.isNaN(upper) ? Double.POSITIVE_INFINITY : upper, level,
                    IntervalMethod.PROFILE_LIKELIHOOD);
        }
    }

    /** The interval around a fit's total; the fit must be usable. */
    public static Result interval(ModelFit fit, CaptureHistory history, double level) {
        if (!fit.ok()) {
            throw new IllegalArgumentException("no profile interval for a model that could not be fitted: " + fit.name());
        }
        Profile profile = profile(fit, history);
        long n = history.observed();
        java.util.function.DoubleUnaryOperator loglik = profile::logLikelihood;
        double nmax = profile.maximum();
        double lmax = profile.maximumLogLikelihood();
        double poissonTotal = fit.total();
        double lmin = lmax - new ChiSquaredDistribution(null, 1).inverseCumulativeProbability(level) / 2;
        java.util.function.DoubleUnaryOperator g = t -> loglik.applyAsDouble(t) - lmin;
        List<String> warnings = new ArrayList<>();
        double lower;
        double fLow = g.applyAsDouble(n);
        double fMax = g.applyAsDouble(nmax);
        if (Math.signum(fLow) * Math.signum(fMax) > 0) {
            lower = n;
            warnings.add("The profile likelihood does not fall low enough above the observed count: the lower bound is the observed count.");
        } else {
            lower = RBrent.zeroin(n, nmax, fLow, fMax, g, TOLERANCE, 1000);
        }
        double upper;
        double high = 3 * poissonTotal;
        double fHigh = g.applyAsDouble(high);
        if (Math.signum(fMax) * Math.signum(fHigh) > 0) {
            upper = Double.NaN;
            warnings.add("The upper bound lies beyond three times the estimate: the data cannot bound the total from above.");
        } else {
            upper = RBrent.zeroin(nmax, high, fMax, fHigh, g, TOLERANCE, 1000);
        }
        return new Result(nmax, lower, upper, level, warnings);
    }

    /**
     * A model's profile log-likelihood of the total (as {@link #interval} uses it), with its maximum: what
     * model-averaged tail-area intervals combine across models.
     */
    public record Profile(java.util.function.DoubleUnaryOperator function, double maximum, double maximumLogLikelihood) {

        public double logLikelihood(double total) {
            return function.applyAsDouble(total);
        }

        /**
         * The signed root of the likelihood ratio, sign(N - Nmax) sqrt(2 (lmax - l(N))): approximately standard
         * normal at the true total; -infinity below the observed count or where the model cannot be fitted below.
         */
        public double signedRoot(double total) {
            double l = logLikelihood(total);
            if (!Double.isFinite(l)) {
                return total < maximum ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            return Math.signum(total - maximum) * Math.sqrt(Math.max(0, 2 * (maximumLogLikelihood - l)));
        }
    }

    /** The profile log-likelihood of a usable fit, maximised as Rcapture does (optimize on [n, 1.5 N]). */
    public static Profile profile(ModelFit fit, CaptureHistory history) {
        CaptureModel model = fit.model();
        long n = history.observed();
        ModelFitter.Problem problem = ModelFitter.augmented(model, history);
        double[][] x = problem.design();
        double[] template = problem.counts();
        int unseen = template.length - 1;
        java.util.function.DoubleUnaryOperator loglik = total -> {
            if (total < n) {
                return Double.NaN;
            }
            double[] y = template.clone();
            y[unseen] = total - n;
            ModelFitter.Fitted f = ModelFitter.fitColumns(x, y, model.chaoNca());
            if (!f.glm().usable()) {
                return Double.NaN;
            }
            return -f.glm().deviance() / 2 + cormack(total, total - n);
        };
        double nmax = RBrent.fmin(n, 1.5 * fit.total(), t -> {
            double v = -loglik.applyAsDouble(t);
            return Double.isFinite(v) ? v : Double.MAX_VALUE;
        }, TOLERANCE);
        return new Profile(loglik, nmax, loglik.applyAsDouble(nmax));
    }

    /** Cormack's correction ct(N), as closedpCI computes it (Stirling forms when N > 100). */
    static double cormack(double total, double unseen) {
        if (total > 100) {
            if (unseen == 0 || unseen == 1) {
                return -total + 0.5 * Math.log(2 * Math.PI * total);
            }
            return unseen - total - 0.5 * Math.log(unseen / total);
        }
        double first = unseen == 0 ? 0 : unseen * Math.log(unseen);
        return first + Gamma.logGamma(total + 1) - total * Math.log(total) - Gamma.logGamma(unseen + 1);
    }
}
