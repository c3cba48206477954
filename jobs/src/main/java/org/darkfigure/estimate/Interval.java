package org.darkfigure.estimate;

/** A confidence interval for the population total. */
public record Interval(double lower, double upper, double level, IntervalMethod method) {

    public Interval {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level is not in (0, 1): " + level);
        }
        if (lower > upper) {
            throw new IllegalArgumentException("lower " + lower + " is above upper " + upper);
        }
    }

    public boolean contains(double value) {
        return value >= lower && value <= upper;
    }

    /** Log-normal interval around the unseen count (see {@link IntervalMethod#LOG_NORMAL}). */
    public static Interval logNormal(long observed, double total, double stderr, double level) {
        double f0 = total - observed;
        if (!(f0 > 0) || !(stderr > 0)) {
            return new Interval(total, total, level, IntervalMethod.LOG_NORMAL);
        }
        double z = StandardNormal.quantile(0.5 + level / 2);
        double c = Math.exp(z * Math.sqrt(Math.log(1 + (stderr * stderr) / (f0 * f0))));
        return new Interval(observed + f0 / c, observed + f0 * c, level, IntervalMethod.LOG_NORMAL);
    }
}
