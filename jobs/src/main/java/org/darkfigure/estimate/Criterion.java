package org.darkfigure.estimate;

/** Information criteria a model search ranks models by (lower is better). */
public enum Criterion {
    AIC, BIC
}
