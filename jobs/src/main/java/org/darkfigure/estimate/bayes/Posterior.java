package org.darkfigure.estimate.bayes;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A posterior distribution of the total N, either exact on consecutive totals (dga) or as MCMC draws (LCMCR), with
 * the summaries both packages' users report. Quantiles of an exact posterior are dga's: the smallest N whose
 * cumulative probability reaches p; of draws, R's default (type 7) interpolation, as quantile() on LCMCR's trace.
 */
public final class Posterior {

    /** The probabilities reported in {@code quantiles}. */
    public static final double[] REPORTED = {0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.975};

    private final long first;
    private final double[] probability;
    private final double[] cumulative;
    private final double[] sorted;
    private final double mean;
    private final double sd;
    private final double mode;
    private final double relativeLoss;

    private Posterior(long first, double[] probability, double[] sorted) {
        this.first = first;
        this.probability = probability;
        this.sorted = sorted;
        if (probability != null) {
            cumulative = new double[probability.length];
            double c = 0;
            double m = 0;
            double m2 = 0;
            double inv = 0;
            double inv2 = 0;
            int best = 0;
            for (int i = 0; i < probability.length; i++) {
                double p = probability[i];
                double n = first + i;
                c += p;
                cumulative[i] = c;
                m += p * n;
                m2 += p * n * n;
                inv += p / n;
                inv2 += p / (n * n);
                if (p > probability[best]) {
                    best = i;
                }
            }
            mean = m / c;
            sd = Math.sqrt(Math.max(0, m2 / c - mean * mean));
            mode = first + best;
            relativeLoss = inv / inv2;
        } else {
            cumulative = null;
            double m = 0;
            double inv = 0;
            double inv2 = 0;
            for (double n : sorted) {
                m += n;
                inv += 1 / n;
                inv2 += 1 / (n * n);
            }
            mean = m / sorted.length;
            double ss = 0;
            for (double n : sorted) {
                ss += (n - mean) * (n - mean);
            }
            sd = sorted.length > 1 ? Math.sqrt(ss / (sorted.length - 1)) : 0;
            relativeLoss = inv / inv2;
            double bestValue = sorted[0];
            int bestRun = 0;
            for (int i = 0; i < sorted.length; ) {
                int j = i;
                while (j < sorted.length && sorted[j] == sorted[i]) {
                    j++;
                }
                if (j - i > bestRun) {
                    bestRun = j - i;
                    bestValue = sorted[i];
                }
                i = j;
            }
            mode = bestValue;
        }
    }

    /** Probabilities of the totals first, first + 1, ... (normalised here). */
    public static Posterior exact(long first, double[] probability) {
        double sum = 0;
        for (double p : probability) {
            sum += p;
        }
        double[] p = new double[probability.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = probability[i] / sum;
        }
        return new Posterior(first, p, null);
    }

    /** Posterior draws of the total. */
    public static Posterior draws(double[] totals) {
        if (totals.length == 0) {
            throw new IllegalArgumentException("no draws");
        }
        double[] s = totals.clone();
        Arrays.sort(s);
        return new Posterior(0, null, s);
    }

    public double mean() {
        return mean;
    }

    public double sd() {
        return sd;
    }

    /** The most probable total (for draws: the most frequent value, the smallest among ties). */
    public double mode() {
        return mode;
    }

    public double median() {
        return quantile(0.5);
    }

    /** The estimate minimising the relative squared error loss, E[1/N] / E[1/N^2] (Madigan & York 1997). */
    public double relativeLoss() {
        return relativeLoss;
    }

    public double quantile(double q) {
        if (probability != null) {
            // smallest N whose cumulative probability reaches q; a relative 1e-12 absorbs summation order
            double target = q * (1 - 1e-12);
            int i = Arrays.binarySearch(cumulative, target);
            if (i < 0) {
                i = -i - 1;
            }
            return first + Math.min(i, cumulative.length - 1);
        }
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /** The equal-tailed interval holding {@code level} of the posterior. */
    public double[] interval(double level) {
        return new double[] {quantile((1 - level) / 2), quantile((1 + level) / 2)};
    }

    /** Quantiles at {@link #REPORTED}, keyed by probability. */
    public Map<Double, Double> quantiles() {
        Map<Double, Double> out = new LinkedHashMap<>();
        for (double q : REPORTED) {
            out.put(q, quantile(q));
        }
        return out;
    }

    /** Probability that N exceeds {@code total} (exact posteriors only). */
    public double upperTail(long total) {
        if (probability == null) {
            throw new IllegalStateException("tail mass is for exact posteriors");
        }
        long i = total - first;
        if (i < 0) {
            return 1;
        }
        if (i >= cumulative.length - 1) {
            return 0;
        }
        return 1 - cumulative[(int) i];
    }
}
