package org.darkfigure.estimate;

/**
 * The pipeline's choice of estimator for one stratum: Chapman for two lists, the log-linear
 * independence model for three or more, and no estimate from a single list.
 */
public record StratumEstimator(double level) {

    public StratumEstimator {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level is not in (0, 1): " + level);
        }
    }

    public static StratumEstimator withDefaults() {
        return new StratumEstimator(0.95);
    }

    public Estimate fit(CaptureHistory history) {
        if (history.k() < 2) {
            return Estimate.failed("none", "none", history.observed(), EstimateStatus.TOO_SPARSE,
                    "Only one list covers this stratum: capture-recapture needs at least two.", level);
        }
        if (history.k() == 2) {
            return TwoListEstimator.CHAPMAN.fit(history, level);
        }
        return LogLinearModel.independence(history.k()).fit(history, level);
    }
}
