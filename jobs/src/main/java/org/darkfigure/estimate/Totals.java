package org.darkfigure.estimate;

import java.util.ArrayList;
import java.util.List;

/**
 * A total across strata (e.g. all countries in a year): the sum of the strata's totals, with the
 * standard error of independent strata sqrt(sum se^2) and a log-normal interval on the summed unseen
 * count. Strata without a trustworthy estimate add only their observed count and make the total a
 * lower bound, said in a warning.
 */
public final class Totals {

    private Totals() {
    }

    /** One stratum's contribution. */
    public record Part(long observed, double total, double stderr, boolean ok) {
    }

    public record Total(int strata, long observed, double total, double stderr, Interval interval, List<String> warnings) {
    }

    public static Total combine(List<Part> parts, double level) {
        long observed = 0;
        double total = 0;
        double variance = 0;
        int missing = 0;
        for (Part p : parts) {
            observed += p.observed();
            if (p.ok() && Double.isFinite(p.total()) && Double.isFinite(p.stderr())) {
                total += p.total();
                variance += p.stderr() * p.stderr();
            } else {
                total += p.observed();
                missing++;
            }
        }
        double stderr = Math.sqrt(variance);
        List<String> warnings = new ArrayList<>();
        if (missing > 0) {
            warnings.add(missing + " of " + parts.size() + " strata have no trustworthy estimate and count with their "
                    + "observed number only: the total is a lower bound.");
        }
        return new Total(parts.size(), observed, total, stderr, Interval.logNormal(observed, total, stderr, level), warnings);
    }
}
