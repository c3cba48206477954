package org.darkfigure.estimate.loglinear;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.darkfigure.estimate.Criterion;
import org.darkfigure.estimate.Estimate;
import org.darkfigure.estimate.EstimateStatus;
import org.darkfigure.estimate.FitDiagnostics;
import org.darkfigure.estimate.Interval;
import org.darkfigure.estimate.IntervalMethod;
import org.darkfigure.estimate.StandardNormal;

/**
 * A capture model fitted to one table, with the numbers Rcapture reports for it: the total and its
 * standard error, deviance, df, AIC and BIC (full Poisson log-likelihood, BIC with the log of the
 * number observed), the asymptotic bias of the total, and the problems that make Rcapture flag a fit
 * (its infoFit): no convergence, fitted rates numerically zero, a truncated step, a large bias.
 */
public record ModelFit(CaptureModel model, long observed, PoissonGlm.Fit glm, double total, double stderr,
                       double deviance, int df, double aic, double bic, double bias, Set<Flag> flags,
                       EstimateStatus status, String problem, double[] fittedByPattern) {

    /** Why a fitted model is not clean. Rcapture leaves such fits out of its model selection. */
    public enum Flag {
        DID_NOT_CONVERGE("The fit did not converge in 25 iterations."),
        FITTED_RATES_ZERO("Some fitted counts are numerically zero: a parameter runs to infinity (the MLE may not exist)."),
        STEP_TRUNCATED("The fitting step had to be shortened to stay finite."),
        LARGE_BIAS("The estimate's asymptotic bias is more than 10% of it: the table cannot support this model well.");

        private final String meaning;

        Flag(String meaning) {
            this.meaning = meaning;
        }

        public String meaning() {
            return meaning;
        }
    }

    public ModelFit {
        flags = Set.copyOf(flags);
    }

    public String name() {
        return model.name();
    }

    /** The fitted count of a pattern (0 for cells fixed at zero); pattern 0 is the unobserved cell. */
    public double fitted(int pattern) {
        return fittedByPattern[pattern];
    }

    public boolean ok() {
        return status == EstimateStatus.OK;
    }

    /** Fitted without any flag: what Rcapture's closedpMS.t would consider. */
    public boolean clean() {
        return ok() && flags.isEmpty();
    }

    public double criterion(Criterion criterion) {
        return criterion == Criterion.AIC ? aic : bic;
    }

    public int parameters() {
        return glm == null ? -1 : glm.coefficients().length;
    }

    public FitDiagnostics diagnostics() {
        return ok() ? new FitDiagnostics(deviance, df, aic, bic, parameters()) : null;
    }

    /** The estimate with a log-normal interval on the unseen count (see ProfileLikelihood for Rcapture's). */
    public Estimate estimate(double level) {
        if (!ok()) {
            return Estimate.failed(method(), name(), observed, status, problem, level);
        }
        return new Estimate(method(), name(), observed, total, stderr, Interval.logNormal(observed, total, stderr, level),
                status, warnings(), diagnostics());
    }

    String method() {
        return model instanceof LogLinearModel ? "loglinear" : "closedp";
    }

    /** SparseMSE's model-conditional interval: n + exp(b0 + z se(b0)) at the (1 - level)/2 and (1 + level)/2 quantiles. */
    public Interval conditionalInterval(double level) {
        double b0 = glm.coefficients()[0];
        double se = Math.sqrt(glm.covariance()[0][0]);
        double z = StandardNormal.quantile(0.5 + level / 2);
        return new Interval(observed + Math.exp(b0 - z * se), observed + Math.exp(b0 + z * se), level,
                IntervalMethod.MODEL_CONDITIONAL);
    }

    /** Plain-language warnings for the flags and for a fragile total. */
    public List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        for (Flag f : Flag.values()) {
            if (flags.contains(f)) {
                warnings.add(f.meaning());
            }
        }
        if (ok() && total - observed > 10 * observed) {
            warnings.add("The estimated unseen count is more than ten times the observed count: the estimate is fragile.");
        }
        return warnings;
    }

    static ModelFit failed(CaptureModel model, long observed, EstimateStatus status, String problem) {
        return new ModelFit(model, observed, null, Double.NaN, Double.NaN, Double.NaN, -1, Double.NaN, Double.NaN,
                Double.NaN, Set.of(), status, problem, null);
    }
}
