package org.darkfigure.estimate.search;

import java.util.Optional;

/**
 * How to estimate a table's total: a named model or a search, the interval and its level, and the
 * bootstrap's replicates and seed. Immutable; {@code withDefaults()} then {@code withX(value)}.
 */
public record EstimationOptions(Optional<String> model, ModelSearch search, IntervalChoice interval, double level,
                                int replicates, long seed) {

    /** Which interval to report. */
    public enum IntervalChoice {
        /** Profile likelihood (Rcapture's closedpCI) for log-linear and closed-population models. */
        PROFILE,
        /** SparseMSE's bootstrap: multinomial replicates, the model re-selected in each, BCa. */
        BOOTSTRAP,
        /** SparseMSE's model-conditional interval n + exp(b0 +- z se(b0)). */
        CONDITIONAL
    }

    public EstimationOptions {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level is not in (0, 1): " + level);
        }
    }

    public static EstimationOptions withDefaults() {
        return new EstimationOptions(Optional.empty(), ModelSearch.withDefaults(), IntervalChoice.PROFILE, 0.95, 1000, 1);
    }

    public EstimationOptions withModel(String value) {
        return new EstimationOptions(Optional.ofNullable(value), search, interval, level, replicates, seed);
    }

    public EstimationOptions withSearch(ModelSearch value) {
        return new EstimationOptions(model, value, interval, level, replicates, seed);
    }

    public EstimationOptions withInterval(IntervalChoice value) {
        return new EstimationOptions(model, search, value, level, replicates, seed);
    }

    public EstimationOptions withLevel(double value) {
        return new EstimationOptions(model, search, interval, value, replicates, seed);
    }

    public EstimationOptions withBootstrap(int replicatesValue, long seedValue) {
        return new EstimationOptions(model, search, interval, level, replicatesValue, seedValue);
    }
}
