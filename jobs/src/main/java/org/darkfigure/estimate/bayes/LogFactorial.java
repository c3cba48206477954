package org.darkfigure.estimate.bayes;

/**
 * log k! for k >= 0: a table below {@link #TABLE} (the binomial and Poisson rejection steps look these up for counts
 * of people, mostly in the thousands), {@link LogGamma} above.
 */
final class LogFactorial {

    private static final int TABLE = 1 << 15;
    private static final double[] LOG_FACTORIAL = new double[TABLE];

    static {
        for (int k = 0; k < TABLE; k++) {
            LOG_FACTORIAL[k] = LogGamma.of(k + 1.0);
        }
    }

    private LogFactorial() {
    }

    static double of(long k) {
        return k < TABLE ? LOG_FACTORIAL[(int) k] : LogGamma.of(k + 1.0);
    }
}
