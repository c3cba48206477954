package org.darkfigure.estimate;

import java.util.ArrayList;
import java.util.List;

/**
 * A log-linear model fitted to one table: the total N = n + exp(intercept), its standard error as
 * Rcapture computes it for Poisson fits (var N = f0 + f0^2 var(intercept), f0 = exp(intercept)),
 * and the fit statistics a model search compares. AIC and BIC use the full Poisson log-likelihood
 * (R's glm), BIC with the log of the number observed.
 */
public record LogLinearFit(LogLinearModel model, long observed, PoissonGlm.Fit glm, double total, double stderr,
                           double deviance, int df, double aic, double bic, EstimateStatus status, String problem) {

    static LogLinearFit of(LogLinearModel model, CaptureHistory history) {
        long n = history.observed();
        int cells = history.cells() - 1;
        int params = model.parameters();
        if (params > cells) {
            return failed(model, n, EstimateStatus.NOT_IDENTIFIABLE,
                    "The model has " + params + " parameters but the table only " + cells + " observable cells.");
        }
        double[] y = new double[cells];
        for (int p = 1; p <= cells; p++) {
            y[p - 1] = history.count(p);
        }
        PoissonGlm.Fit glm = PoissonGlm.fit(model.design(), y, null);
        if (!glm.usable()) {
            return failed(model, n, EstimateStatus.DID_NOT_CONVERGE,
                    "The model could not be fitted to this table (its information matrix is singular or the fit did not converge).");
        }
        double f0 = Math.exp(glm.coefficients()[0]);
        double total = n + f0;
        double stderr = Math.sqrt(f0 + f0 * f0 * glm.covariance()[0][0]);
        double aic = -2 * glm.logLikelihood() + 2 * params;
        double bic = -2 * glm.logLikelihood() + Math.log(n) * params;
        return new LogLinearFit(model, n, glm, total, stderr, glm.deviance(), cells - params, aic, bic,
                EstimateStatus.OK, null);
    }

    private static LogLinearFit failed(LogLinearModel model, long n, EstimateStatus status, String problem) {
        return new LogLinearFit(model, n, null, Double.NaN, Double.NaN, Double.NaN, -1, Double.NaN, Double.NaN, status,
                problem);
    }

    public boolean ok() {
        return status == EstimateStatus.OK;
    }

    public double criterion(Criterion criterion) {
        return criterion == Criterion.AIC ? aic : bic;
    }

    /** The estimate with a log-normal interval on the unseen count. */
    public Estimate estimate(double level) {
        if (!ok()) {
            return Estimate.failed("loglinear", model.name(), observed, status, problem, level);
        }
        return new Estimate("loglinear", model.name(), observed, total, stderr,
                Interval.logNormal(observed, total, stderr, level), status, warnings(), diagnostics());
    }

    public FitDiagnostics diagnostics() {
        return ok() ? new FitDiagnostics(deviance, df, aic, bic, model.parameters()) : null;
    }

    List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        double f0 = total - observed;
        if (f0 > 10 * observed) {
            warnings.add("The estimated unseen count is more than ten times the observed count: the estimate is fragile.");
        }
        return warnings;
    }
}
