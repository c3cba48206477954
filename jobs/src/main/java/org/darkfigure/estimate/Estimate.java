package org.darkfigure.estimate;

import java.util.List;

/**
 * One estimate of a population total: the method and model that made it, the point, its standard
 * error and interval, whether it can be trusted, plain-language warnings, and fit diagnostics where
 * the method has a likelihood (null otherwise). An untrustworthy estimate is a value with a status,
 * never an exception.
 */
public record Estimate(String method, String model, long observed, double total, double stderr, Interval interval,
                       EstimateStatus status, List<String> warnings, FitDiagnostics diagnostics) {

    public Estimate {
        warnings = List.copyOf(warnings);
    }

    public static Estimate failed(String method, String model, long observed, EstimateStatus status, String warning,
                                  double level) {
        return new Estimate(method, model, observed, Double.NaN, Double.NaN,
                new Interval(Double.NaN, Double.NaN, level, IntervalMethod.LOG_NORMAL), status, List.of(warning), null);
    }
}
