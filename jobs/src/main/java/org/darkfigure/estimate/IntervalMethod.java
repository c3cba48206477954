package org.darkfigure.estimate;

/** How a confidence interval for the total was made. */
public enum IntervalMethod {
    /**
     * Log-normal interval on the unseen count f0 = N - n (Chao 1987): [n + f0/C, n + f0*C] with
     * C = exp(z * sqrt(log(1 + se^2 / f0^2))). Never falls below the observed count.
     */
    LOG_NORMAL,
    /**
     * Conditional on the model (SparseMSE's estimatepopulation.0): n + exp(b0 + z se(b0)) for the
     * normal quantiles z, with b0 the intercept and se(b0) its standard error.
     */
    MODEL_CONDITIONAL,
    /** Profile likelihood (Cormack 1992), as Rcapture's closedpCI. */
    PROFILE_LIKELIHOOD,
    /** Parametric bootstrap percentiles, seeded. */
    BOOTSTRAP,
    /** Equal-tailed Bayesian posterior interval (dga, LCMCR): the (1 - level)/2 and (1 + level)/2 quantiles of N. */
    POSTERIOR,
    /**
     * Model-averaged tail areas over several models' profile likelihoods (MATA-PL, Fletcher &amp; Turek 2012):
     * the model-weighted mixture of each model's signed-root distribution, cut at (1 - level)/2 and (1 + level)/2.
     */
    MODEL_AVERAGED
}
