package org.darkfigure.estimate.twolist;

import java.util.ArrayList;
import java.util.List;
import org.darkfigure.estimate.CaptureHistory;
import org.darkfigure.estimate.Estimate;
import org.darkfigure.estimate.EstimateStatus;
import org.darkfigure.estimate.Interval;

/**
 * Two-list (Petersen) estimators. With n1, n2 the list sizes and m the number on both:
 * <ul>
 *   <li>Lincoln–Petersen: N = n1 n2 / m, var = n1 n2 (n1 - m)(n2 - m) / m^3 (Seber 1982, 3.1);</li>
 *   <li>Chapman (1951): N = (n1 + 1)(n2 + 1)/(m + 1) - 1, with the variance of Seber (1970),
 *       var = (n1 + 1)(n2 + 1)(n1 - m)(n2 - m) / ((m + 1)^2 (m + 2)).</li>
 * </ul>
 * Both assume the two lists are independent and everyone equally catchable; the interval is
 * log-normal on the unseen count.
 */
public enum TwoListEstimator {
    LINCOLN_PETERSEN("lincoln-petersen"),
    CHAPMAN("chapman");

    private final String label;

    TwoListEstimator(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public Estimate fit(CaptureHistory history, double level) {
        if (history.k() != 2) {
            throw new IllegalArgumentException(label + " needs exactly 2 lists, got " + history.k());
        }
        long n = history.observed();
        double n1 = history.listSize(0);
        double n2 = history.listSize(1);
        double m = history.count(0b11);
        List<String> warnings = new ArrayList<>();
        if (m == 0) {
            if (this == LINCOLN_PETERSEN) {
                return Estimate.failed(label, label, n, EstimateStatus.NO_OVERLAP,
                        "No one is on both lists, so the Lincoln–Petersen estimate is infinite.", level);
            }
            warnings.add("No one is on both lists: Chapman's estimate is only a rough lower bound here.");
        } else if (m < 7) {
            warnings.add("Only " + (long) m + " people are on both lists; two-list estimates are unstable below about 7 (Robson & Regier 1964).");
        }
        double total;
        double variance;
        if (this == LINCOLN_PETERSEN) {
            total = n1 * n2 / m;
            variance = n1 * n2 * (n1 - m) * (n2 - m) / (m * m * m);
        } else {
            total = (n1 + 1) * (n2 + 1) / (m + 1) - 1;
            variance = (n1 + 1) * (n2 + 1) * (n1 - m) * (n2 - m) / ((m + 1) * (m + 1) * (m + 2));
        }
        double stderr = Math.sqrt(variance);
        EstimateStatus status = m == 0 ? EstimateStatus.NO_OVERLAP : EstimateStatus.OK;
        return new Estimate(label, label, n, total, stderr, Interval.logNormal(n, total, stderr, level), status,
                warnings, null);
    }
}
