package org.darkfigure.estimate.bayes;

import java.util.SplittableRandom;

/**
 * The random variates LCMCR's Gibbs sampler draws, from one {@link SplittableRandom} per chain so that a chain's draws
 * depend on its seed only. Gamma: Marsaglia & Tsang (2000); binomial: inversion for n min(p, 1-p) < 10, else
 * Hoermann's (1993) BTRS; Poisson: multiplication below a mean of 10, else Hoermann's PTRS; negative binomial as a
 * gamma mixture of Poissons; multinomial by conditional binomials (as GSL's gsl_ran_multinomial), the last few people
 * one by one. All exact: the speed-ups only avoid work (logs, pows) whose result has an exact cheaper form.
 */
final class Variates {

    private final SplittableRandom random;

    Variates(SplittableRandom random) {
        this.random = random;
    }

    double uniform() {
        return random.nextDouble();
    }

    /** Uniform on (0, 1). */
    double uniformPositive() {
        double u;
        do {
            u = random.nextDouble();
        } while (u == 0);
        return u;
    }

    double normal() {
        return random.nextGaussian();
    }

    /** Exponential(1) (the JDK's ziggurat: cheaper than -log(U)). */
    double exponential() {
        return random.nextExponential();
    }

    /** Gamma(shape, scale 1). */
    double gamma(double shape) {
        if (shape < 1) {
            // G(a) = G(a + 1) U^(1/a), with U^(1/a) = exp(-E / a): no pow
            return gamma(shape + 1) * Math.exp(-exponential() / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x;
            double v;
            do {
                x = normal();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = uniformPositive();
            double x2 = x * x;
            if (u < 1 - 0.0331 * x2 * x2 || Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }

    /**
     * log of a Gamma(shape, 1) draw, without underflow for small shapes (LCMCR's dan_log_gamma_1, after Robert &
     * Casella 2004: G(a) = G(a + 1) U^(1/a)).
     */
    double logGamma(double shape) {
        return shape < 0.5 ? Math.log(gamma(1 + shape)) - exponential() / shape : Math.log(gamma(shape));
    }

    double beta(double a, double b) {
        // Beta(1, 1) is uniform and Beta(a, 1) = U^(1/a) = exp(-E / a); Beta(1, b) = E / (E + G(b)) (as two gammas,
        // exact in its small values, and cheaper than the inversion's expm1)
        if (a == 1) {
            if (b == 1) {
                return uniform();
            }
            double e = exponential();
            return e / (e + gamma(b));
        }
        if (b == 1) {
            return Math.exp(-exponential() / a);
        }
        double x = gamma(a);
        double y = gamma(b);
        return x / (x + y);
    }

    long binomial(long n, double p) {
        if (n <= 0 || p <= 0) {
            return 0;
        }
        if (p >= 1) {
            return n;
        }
        boolean flip = p > 0.5;
        double pp = flip ? 1 - p : p;
        long x = n * pp < 10 ? binomialInversion(n, pp) : binomialBtrs(n, pp);
        return flip ? n - x : x;
    }

    private long binomialInversion(long n, double p) {
        double q = 1 - p;
        double s = p / q;
        double a = (n + 1) * s;
        while (true) {
            double u = uniform();
            if (u <= 1 - n * p) {
                // P(0) = (1 - p)^n >= 1 - n p: zero without the exp and log (most calls, for nearly empty classes)
                return 0;
            }
            double r = Math.pow(q, n); // an intrinsic: cheaper than exp(n log1p(-p))
            long x = 0;
            while (u > r) {
                u -= r;
                x++;
                if (x > n) {
                    break;
                }
                r *= a * (x < RECIPROCAL.length ? RECIPROCAL[(int) x] : 1.0 / x) - s;
            }
            if (x <= n) {
                return x;
            }
        }
    }

    /** Hoermann (1993), "The generation of binomial random variates", algorithm BTRS; p <= 1/2 and n p >= 10. */
    private long binomialBtrs(long n, double p) {
        double q = 1 - p;
        double spq = Math.sqrt(n * p * q);
        double b = 1.15 + 2.53 * spq;
        double a = -0.0873 + 0.0248 * b + 0.01 * p;
        double c = n * p + 0.5;
        double vr = 0.92 - 4.2 / b;
        // alpha, m, h and log(p / q) are needed only when the squeeze fails (about one draw in seven)
        double h = Double.NaN;
        double alpha = 0;
        double lpq = 0;
        long m = 0;
        while (true) {
            double u = uniform() - 0.5;
            double v = uniform();
            double us = 0.5 - Math.abs(u);
            long k = (long) Math.floor((2 * a / us + b) * u + c);
            if (k < 0 || k > n) {
                continue;
            }
            if (us >= 0.07 && v <= vr) {
                return k;
            }
            if (Double.isNaN(h)) {
                alpha = (2.83 + 5.1 / b) * spq;
                m = (long) Math.floor((n + 1) * p);
                h = LogFactorial.of(m) + LogFactorial.of(n - m);
                lpq = Math.log(p / q);
            }
            v = Math.log(v * alpha / (a / (us * us) + b));
            if (v <= h - LogFactorial.of(k) - LogFactorial.of(n - k) + (k - m) * lpq) {
                return k;
            }
        }
    }

    long poisson(double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean < 10) {
            double limit = Math.exp(-mean);
            double prod = uniform();
            long k = 0;
            while (prod > limit) {
                prod *= uniform();
                k++;
            }
            return k;
        }
        return poissonPtrs(mean);
    }

    /** Hoermann (1993), "The transformed rejection method for generating Poisson random variables", PTRS. */
    private long poissonPtrs(double lambda) {
        double slam = Math.sqrt(lambda);
        double loglam = Math.log(lambda);
        double b = 0.931 + 2.53 * slam;
        double a = -0.059 + 0.02483 * b;
        double invalpha = 1.1239 + 1.1328 / (b - 3.4);
        double vr = 0.9277 - 3.6224 / (b - 2);
        while (true) {
            double u = uniform() - 0.5;
            double v = uniform();
            double us = 0.5 - Math.abs(u);
            long k = (long) Math.floor((2 * a / us + b) * u + lambda + 0.43);
            if (us >= 0.07 && v <= vr) {
                return k;
            }
            if (k < 0 || (us < 0.013 && v > us)) {
                continue;
            }
            if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b)
                    <= -lambda + k * loglam - LogFactorial.of(k)) {
                return k;
            }
        }
    }

    /** Failures before the {@code size}-th success, success probability p (GSL's gsl_ran_negative_binomial). */
    long negativeBinomial(double p, double size) {
        if (p >= 1) {
            return 0;
        }
        return poisson(gamma(size) * (1 - p) / p);
    }

    /** The index drawn with probabilities proportional to {@code weights[0..k)} of total {@code sum}. */
    int categorical(double[] weights, int k, double sum) {
        double u = uniform() * sum;
        double c = 0;
        for (int i = 0; i < k - 1; i++) {
            c += weights[i];
            if (u < c) {
                return i;
            }
        }
        return k - 1;
    }

    /**
     * Multinomial(count; weights / sum) into {@code out[0..k)}, visiting the categories in {@code order} (heaviest
     * first is fastest: the conditional binomials stop once nobody is left). Once few people are left they are drawn
     * one by one among the remaining categories: their conditional distribution is the same multinomial, and a
     * categorical draw costs one uniform where each remaining binomial would cost one or an exp and a log.
     */
    void multinomial(long count, double[] weights, int k, int[] order, long[] out) {
        if (after.length < k + 1) {
            after = new double[k + 1];
        }
        after[k] = 0;
        for (int i = k - 1; i >= 0; i--) {
            after[i] = after[i + 1] + weights[order[i]];
            out[i] = 0;
        }
        long left = count;
        for (int i = 0; i < k && left > 0; i++) {
            if (left <= ONE_BY_ONE) {
                oneByOne(left, order, i, out);
                return;
            }
            int c = order[i];
            if (weights[c] > 0) {
                // the later categories' exact total, so that the last positive one takes all that is left
                long x = after[i + 1] > 0 ? binomial(left, Math.min(1, weights[c] / after[i])) : left;
                out[c] = x;
                left -= x;
            }
        }
    }

    /**
     * {@code left} categorical draws among the categories {@code order[from..k)}, in proportion to their weights: a
     * uniform v on [0, after[from]) falls in [after[j + 1], after[j]) for category j (a zero weight's interval is
     * empty), so the search needs no sums of its own.
     */
    private void oneByOne(long left, int[] order, int from, long[] out) {
        for (long person = 0; person < left; person++) {
            double v = uniform() * after[from];
            int j = from;
            while (v < after[j + 1]) {
                j++;
            }
            out[order[j]]++;
        }
    }

    private double[] after = new double[0];

    /** 1 / x for the inversion's steps (a multiplication instead of a division: the steps are most of its time). */
    private static final double[] RECIPROCAL = new double[64];

    static {
        for (int x = 1; x < RECIPROCAL.length; x++) {
            RECIPROCAL[x] = 1.0 / x;
        }
    }

    /** From this many people left, the multinomial draws them one by one. */
    private static final int ONE_BY_ONE = 4;
}
