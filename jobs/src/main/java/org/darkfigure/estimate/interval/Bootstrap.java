package org.darkfigure.estimate.interval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.darkfigure.estimate.CaptureHistory;
import org.darkfigure.estimate.Interval;
import org.darkfigure.estimate.IntervalMethod;

/**
 * The bootstrap of SparseMSE's estimatepopulation (Chan, Silverman &amp; Vincent 2021): replicate
 * tables drawn from the multinomial of the observed table (n fixed, only observed patterns receive
 * people), the whole estimator (model selection included) re-run on each, and a BCa interval whose
 * acceleration comes from a delete-one-person jackknife. Seeded: replicate i draws from its own stream
 * split from the seed, so results are the same whatever the number of threads.
 */
public record Bootstrap(int replicates, long seed, double level) {

    private static final NormalDistribution N01 = new NormalDistribution(null, 0, 1);

    public Bootstrap {
        if (replicates < 10) {
            throw new IllegalArgumentException("at least 10 bootstrap replicates are needed: " + replicates);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level is not in (0, 1): " + level);
        }
    }

    /** The interval, the replicates, and what could not be estimated. */
    public record Result(double point, double lower, double upper, double level, double acceleration, double z0,
                         double[] totals, int failed, List<String> warnings) {

        public Interval interval() {
            return new Interval(lower, upper, level, IntervalMethod.BOOTSTRAP);
        }
    }

    /** Runs the bootstrap of {@code estimator} (a table's estimated total; NaN when it has none). */
    public Result run(CaptureHistory history, ToDoubleFunction<CaptureHistory> estimator) {
        double point = estimator.applyAsDouble(history);
        int[] patterns = IntStream.range(1, history.cells()).filter(p -> history.count(p) > 0).toArray();
        long n = history.observed();
        double[] cumulative = new double[patterns.length];
        double running = 0;
        for (int i = 0; i < patterns.length; i++) {
            running += history.count(patterns[i]);
            cumulative[i] = running / n;
        }
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom[] streams = new SplittableRandom[replicates];
        for (int i = 0; i < replicates; i++) {
            streams[i] = root.split();
        }
        double[] totals = IntStream.range(0, replicates).parallel().mapToDouble(i -> {
            long[] counts = new long[history.cells()];
            SplittableRandom random = streams[i];
            for (long person = 0; person < n; person++) {
                int at = Arrays.binarySearch(cumulative, random.nextDouble());
                at = at >= 0 ? Math.min(at + 1, patterns.length - 1) : -at - 1;
                counts[patterns[Math.min(at, patterns.length - 1)]]++;
            }
            return estimator.applyAsDouble(new CaptureHistory(history.lists(), counts));
        }).toArray();
        double[] jack = IntStream.range(0, patterns.length).parallel().mapToDouble(i -> {
            long[] counts = history.counts();
            counts[patterns[i]]--;
            return estimator.applyAsDouble(new CaptureHistory(history.lists(), counts));
        }).toArray();
        return bca(history, patterns, point, totals, jack);
    }

    private Result bca(CaptureHistory history, int[] patterns, double point, double[] totals, double[] jack) {
        List<String> warnings = new ArrayList<>();
        double[] ok = Arrays.stream(totals).filter(Double::isFinite).sorted().toArray();
        int failed = totals.length - ok.length;
        if (failed > 0) {
            warnings.add(failed + " of " + totals.length + " replicate tables had no estimate and were left out.");
        }
        double n = history.observed();
        double mean = 0;
        for (int i = 0; i < patterns.length; i++) {
            mean += history.count(patterns[i]) * jack[i];
        }
        mean /= n;
        double num = 0;
        double den = 0;
        for (int i = 0; i < patterns.length; i++) {
            double d = mean - jack[i];
            double c = history.count(patterns[i]);
            num += c * d * d * d;
            den += c * d * d;
        }
        double acceleration = den > 0 ? num / (6 * Math.pow(den, 1.5)) : 0;
        if (!Double.isFinite(acceleration)) {
            acceleration = 0;
            warnings.add("The jackknife acceleration could not be computed; a percentile-bias-corrected interval is given.");
        }
        double below = 0;
        for (double t : ok) {
            if (t < point) {
                below++;
            }
        }
        double z0 = ok.length == 0 ? Double.NaN : N01.inverseCumulativeProbability(below / ok.length);
        if (!Double.isFinite(z0) || !Double.isFinite(point)) {
            warnings.add("The replicates all fall on one side of the estimate: no BCa interval can be formed.");
            return new Result(point, Double.NaN, Double.NaN, level, acceleration, z0, totals, failed, warnings);
        }
        double lower = quantile8(ok, adjusted((1 - level) / 2, z0, acceleration));
        double upper = quantile8(ok, adjusted((1 + level) / 2, z0, acceleration));
        return new Result(point, lower, upper, level, acceleration, z0, totals, failed, warnings);
    }

    private static double adjusted(double alpha, double z0, double a) {
        double za0 = N01.inverseCumulativeProbability(alpha) + z0;
        return N01.cumulativeProbability(z0 + za0 / (1 - a * za0));
    }

    /** R's quantile(type = 8) of sorted values (median-unbiased; clamped to the extremes). */
    public static double quantile8(double[] sorted, double p) {
        int n = sorted.length;
        double fuzz = 4 * Math.ulp(1.0);
        double nppm = 1.0 / 3 + p * (n + 1.0 / 3);
        int j = (int) Math.floor(nppm + fuzz);
        double h = nppm - j;
        if (Math.abs(h) < fuzz) {
            h = 0;
        }
        double lo = sorted[Math.max(0, Math.min(n - 1, j - 1))];
        double hi = sorted[Math.max(0, Math.min(n - 1, j))];
        if (h == 0) {
            return lo;
        }
        if (h == 1) {
            return hi;
        }
        return lo == hi ? lo : (1 - h) * lo + h * hi;
    }
}
