package org.darkfigure.estimate;

import org.apache.commons.math3.special.Gamma;

/**
 * Goodness of fit of a model on the observed cells: deviance and residual degrees of freedom, the
 * p-value of the deviance against chi-square(df), and AIC and BIC as R's glm computes them for the
 * Poisson family (-2 log L + penalty, BIC with the log of the number observed), the way Rcapture
 * reports them.
 */
public record FitDiagnostics(double deviance, int df, double aic, double bic, int parameters) {

    /** P(chi-square(df) > deviance); NaN without residual degrees of freedom. */
    public double pValue() {
        if (df <= 0 || !Double.isFinite(deviance)) {
            return Double.NaN;
        }
        // the upper tail directly (1 - cdf underflows for large deviances)
        return Gamma.regularizedGammaQ(df / 2.0, deviance / 2);
    }
}
