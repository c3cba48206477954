package org.darkfigure.estimate;

import org.apache.commons.math3.distribution.NormalDistribution;

/** The standard normal distribution's quantiles, without a random generator per call. */
public final class StandardNormal {

    private static final NormalDistribution N01 = new NormalDistribution(null, 0, 1);

    private StandardNormal() {
    }

    public static double quantile(double p) {
        return N01.inverseCumulativeProbability(p);
    }
}
