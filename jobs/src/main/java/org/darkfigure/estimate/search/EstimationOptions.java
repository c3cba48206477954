package org.darkfigure.estimate.search;

import java.util.Optional;

/**
 * How to estimate a table's total: a named model or a search, the interval and its level, and the
 * bootstrap's replicates and seed. Immutable; {@code withDefaults()} then {@code withX(value)}.
 */
public record EstimationOptions(Optional<String> model, ModelSearch search, IntervalChoice interval, double level,
                                int replicates, long seed, Combination combination) {

    /** What a search does with the models it ranks. */
    public enum Combination {
        /** Publish the best model by the criterion (ties broken by {@link ModelSearch}'s stated rule). */
        SELECT,
        /** Average the eligible models with criterion weights ({@link ModelAveraging}). */
        AVERAGE,
        /**
         * The all-two-way log-linear model with its profile interval; where its MLE does not exist, its fit is
         * flagged or its interval has no upper bound, the search's models averaged instead (see
         * {@link Estimation}). Chosen by the simulation study of issue 15.
         */
        ALL_TWO_WAY
    }

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
        return new EstimationOptions(Optional.empty(), ModelSearch.withDefaults(), IntervalChoice.PROFILE, 0.95, 1000, 1,
                Combination.ALL_TWO_WAY);
    }

    public EstimationOptions withModel(String value) {
        return new EstimationOptions(Optional.ofNullable(value), search, interval, level, replicates, seed, combination);
    }

    public EstimationOptions withSearch(ModelSearch value) {
        return new EstimationOptions(model, value, interval, level, replicates, seed, combination);
    }

    public EstimationOptions withInterval(IntervalChoice value) {
        return new EstimationOptions(model, search, value, level, replicates, seed, combination);
    }

    public EstimationOptions withLevel(double value) {
        return new EstimationOptions(model, search, interval, value, replicates, seed, combination);
    }

    public EstimationOptions withCombination(Combination value) {
        return new EstimationOptions(model, search, interval, level, replicates, seed, value);
    }

    public EstimationOptions withBootstrap(int replicatesValue, long seedValue) {
        return new EstimationOptions(model, search, interval, level, replicatesValue, seedValue, combination);
    }
}
