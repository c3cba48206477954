package org.darkfigure.estimate;

/**
 * Goodness of fit of a log-linear model on the observed cells. AIC and BIC are likelihood based as
 * R's glm computes them for the Poisson family (-2 log L + penalty, BIC with log of n observed), the
 * way Rcapture reports them.
 */
public record FitDiagnostics(double deviance, int df, double aic, double bic, int parameters) {
}
