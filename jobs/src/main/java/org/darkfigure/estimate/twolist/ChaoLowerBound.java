package org.darkfigure.estimate.twolist;

import java.util.ArrayList;
import java.util.List;
import org.darkfigure.estimate.CaptureHistory;
import org.darkfigure.estimate.Estimate;
import org.darkfigure.estimate.EstimateStatus;
import org.darkfigure.estimate.Interval;

/**
 * Chao's lower bound for sparse data, from how many people were seen on exactly one list (f1) and
 * exactly two (f2): N = n + ((K - 1)/K) f1^2 / (2 f2) (Chao 1987, 1989), with the variance of Chao (1987)
 * scaled the same way, and when f2 = 0 the bias-corrected form n + ((K - 1)/K) f1 (f1 - 1) / 2 with the
 * variance given for it by Chao (2005, "Species estimation and applications", Encyclopedia of Statistical Sciences).
 * A lower bound under heterogeneous capture: it is still an estimate where log-linear models run out
 * of data. Interval: log-normal on the unseen count.
 */
public final class ChaoLowerBound {

    private ChaoLowerBound() {
    }

    public static Estimate fit(CaptureHistory history, double level) {
        int k = history.k();
        long n = history.observed();
        double f1 = 0;
        double f2 = 0;
        for (int p = 1; p < history.cells(); p++) {
            int times = Integer.bitCount(p);
            if (times == 1) {
                f1 += history.count(p);
            } else if (times == 2) {
                f2 += history.count(p);
            }
        }
        double a = (k - 1.0) / k;
        List<String> warnings = new ArrayList<>();
        warnings.add("A lower bound: under heterogeneous capture the true total may be larger.");
        double f0;
        double variance;
        if (f2 > 0) {
            double r = f1 / f2;
            f0 = a * f1 * f1 / (2 * f2);
            variance = f2 * (a * a * Math.pow(r, 4) / 4 + a * a * Math.pow(r, 3) + a * r * r / 2);
        } else {
            f0 = a * f1 * (f1 - 1) / 2;
            variance = a * f1 * (f1 - 1) / 2 + a * a * f1 * Math.pow(2 * f1 - 1, 2) / 4 - a * a * Math.pow(f1, 4) / (4 * (f0 + n));
            warnings.add("Nobody was seen on exactly two lists; the bias-corrected form is used and is unstable.");
        }
        double total = n + f0;
        double stderr = Math.sqrt(Math.max(variance, 0));
        return new Estimate("chao-lower-bound", "Chao LB", n, total, stderr, Interval.logNormal(n, total, stderr, level),
                EstimateStatus.OK, warnings, null);
    }
}
