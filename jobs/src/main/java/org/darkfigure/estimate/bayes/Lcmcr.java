package org.darkfigure.estimate.bayes;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.darkfigure.estimate.CaptureHistory;

/**
 * The non-parametric latent-class model of Manrique-Vallier (2016, Biometrics 72(4)), as R's LCMCR 0.4.14
 * ({@code lcmCR} then {@code lcmCR_PostSampl}): people fall into up to K latent classes with stick-breaking weights
 * nu (a truncated Dirichlet process of concentration alpha ~ Gamma(a_alpha, b_alpha)); within a class the lists
 * catch independently with probabilities lambda_jk ~ Beta(1, 1). The n0 unseen people are imputed with the prior
 * p(N) proportional to 1/N, which makes n0 negative binomial given the rest.
 *
 * <p>The Gibbs sampler is LCMCR's (NPLCM_CR_Basic_Freq), which already works on the table of pattern counts: each
 * sweep splits every observed pattern's count among the classes (multinomial), draws lambda from the class-by-list
 * tallies, the stick-breaking weights, the unseen count n0 ~ NegBin(n, 1 - P(unseen)), their split among classes,
 * then alpha. Initialisation too: lambda at the lists' observed catch rates, 500 warm-up sweeps with alpha fixed,
 * classes re-ordered by weight. Each chain draws from its own {@link SplittableRandom}, split from the seed in chain
 * order before any runs, so results do not depend on how many threads run the chains.
 */
public final class Lcmcr {

    /** Warm-up sweeps before the burn-in, alpha held fixed (LCMCR's Initializes). */
    static final int WARM_UP = 500;
    /** Warn when the effective sample size of N falls below this (Vehtari et al. 2021: 100 per chain, 4 chains). */
    public static final double ESS_WARNING = 400;
    /** Warn when the split R-hat of N exceeds this (a common, lenient threshold; Vehtari et al. suggest 1.01). */
    public static final double RHAT_WARNING = 1.05;

    private Lcmcr() {
    }

    /**
     * @param classes  K, the truncation of the Dirichlet process (LCMCR's K; default 10)
     * @param samples  draws kept per chain, every {@code thinning}-th sweep after {@code burnin} sweeps
     * @param chains   independent chains (at least 2 for R-hat)
     */
    public record Options(int classes, double aAlpha, double bAlpha, int burnin, int samples, int thinning, long seed,
                          int chains) {
        public Options {
            if (classes < 1 || classes > 1000 || burnin < 0 || samples < 2 || thinning < 1 || chains < 1) {
                throw new IllegalArgumentException("LCMCR needs 1..1000 classes, burn-in >= 0, samples >= 2, thinning >= 1,"
                        + " chains >= 1");
            }
            if (!(aAlpha > 0 && bAlpha > 0)) {
                throw new IllegalArgumentException("a_alpha and b_alpha must be positive");
            }
        }

        /** LCMCR's reference settings: K = 10, a = b = 0.25, 10,000 burn-in, 1,000 samples thinned by 100; 2 chains. */
        public static Options defaults() {
            return new Options(10, 0.25, 0.25, 10_000, 1_000, 100, 1, 2);
        }

        public Options withClasses(int v) {
            return new Options(v, aAlpha, bAlpha, burnin, samples, thinning, seed, chains);
        }

        public Options withBurnin(int v) {
            return new Options(classes, aAlpha, bAlpha, v, samples, thinning, seed, chains);
        }

        public Options withSamples(int v) {
            return new Options(classes, aAlpha, bAlpha, burnin, v, thinning, seed, chains);
        }

        public Options withThinning(int v) {
            return new Options(classes, aAlpha, bAlpha, burnin, samples, v, seed, chains);
        }

        public Options withSeed(long v) {
            return new Options(classes, aAlpha, bAlpha, burnin, samples, thinning, v, chains);
        }

        public Options withChains(int v) {
            return new Options(classes, aAlpha, bAlpha, burnin, samples, thinning, seed, v);
        }
    }

    /** The draws of N per chain, their pooled posterior, convergence diagnostics of N, and warnings. */
    public record Result(long observed, Options options, double[][] draws, Posterior posterior,
                         McmcDiagnostics.Summary diagnostics, List<String> warnings) {
        public Result {
            warnings = List.copyOf(warnings);
        }
    }

    public static Result fit(CaptureHistory history, Options options) {
        SplittableRandom root = new SplittableRandom(options.seed());
        SplittableRandom[] streams = new SplittableRandom[options.chains()];
        for (int c = 0; c < streams.length; c++) {
            streams[c] = root.split();
        }
        double[][] draws = new double[options.chains()][];
        IntStream.range(0, options.chains()).parallel()
                .forEach(c -> draws[c] = new Chain(history, options, new Variates(streams[c])).run());
        double[] pooled = new double[options.chains() * options.samples()];
        for (int c = 0; c < draws.length; c++) {
            System.arraycopy(draws[c], 0, pooled, c * options.samples(), options.samples());
        }
        McmcDiagnostics.Summary diagnostics = McmcDiagnostics.of(draws);
        List<String> warnings = new ArrayList<>();
        if (options.chains() < 2) {
            warnings.add("Only one chain was run, so convergence cannot be checked across chains.");
        }
        if (diagnostics.ess() < ESS_WARNING) {
            warnings.add(String.format(java.util.Locale.ROOT, "The sampler's draws of the total are strongly correlated: "
                    + "they are worth only about %.0f independent draws (below %.0f), so the interval's ends are "
                    + "uncertain; run more samples or a longer thinning.", diagnostics.ess(), ESS_WARNING));
        }
        if (diagnostics.rhat() > RHAT_WARNING) {
            warnings.add(String.format(java.util.Locale.ROOT, "The first and second halves of the chains disagree about "
                    + "the total (split R-hat %.3f, above %.2f): the sampler has probably not converged; run a longer "
                    + "burn-in or more samples.", diagnostics.rhat(), RHAT_WARNING));
        }
        return new Result(history.observed(), options, draws, Posterior.draws(pooled), diagnostics, warnings);
    }

    /** One Gibbs chain on the observed patterns' counts. */
    private static final class Chain {
        private final Options o;
        private final Variates v;
        private final int k;
        private final int lists;
        private final int cells;
        private final boolean[][] on;
        private final long[] count;
        private final long n;

        private final double[][] lambda;
        private final double[] nu;
        /** The lists each observed pattern is on. */
        private final int[][] onLists;
        /** One pattern's people by class, as just drawn. */
        private final long[] drawn;
        private final long[] unseenByClass;
        private final long[] byClass;
        private final double[][] miss;
        private final long[][] yes;
        private final double[] weights;
        private final int[] order;
        private double alpha;
        /** log nu_{K-1}, for alpha's draw (kept in logs: it can underflow). */
        private double logLastNu;
        private long n0;

        Chain(CaptureHistory h, Options o, Variates v) {
            this.o = o;
            this.v = v;
            k = o.classes();
            lists = h.k();
            List<Integer> patterns = new ArrayList<>();
            for (int p = 1; p < h.cells(); p++) {
                if (h.count(p) > 0) {
                    patterns.add(p);
                }
            }
            cells = patterns.size();
            on = new boolean[cells][lists];
            count = new long[cells];
            for (int m = 0; m < cells; m++) {
                int p = patterns.get(m);
                count[m] = h.count(p);
                for (int j = 0; j < lists; j++) {
                    on[m][j] = CaptureHistory.on(p, j);
                }
            }
            n = h.observed();
            lambda = new double[lists][k];
            nu = new double[k];
            onLists = new int[cells][];
            for (int m = 0; m < cells; m++) {
                int p = patterns.get(m);
                onLists[m] = IntStream.range(0, lists).filter(j -> CaptureHistory.on(p, j)).toArray();
            }
            drawn = new long[k];
            unseenByClass = new long[k];
            byClass = new long[k];
            miss = new double[lists][k];
            yes = new long[lists][k];
            weights = new double[k];
            order = new int[k];
        }

        double[] run() {
            initialise();
            for (int i = 0; i < o.burnin(); i++) {
                sweep(true);
            }
            double[] out = new double[o.samples()];
            for (int s = 0; s < o.samples(); s++) {
                for (int t = 0; t < o.thinning(); t++) {
                    sweep(true);
                }
                out[s] = n + n0;
            }
            return out;
        }

        private void initialise() {
            for (int j = 0; j < lists; j++) {
                long seen = 0;
                for (int m = 0; m < cells; m++) {
                    if (on[m][j]) {
                        seen += count[m];
                    }
                }
                java.util.Arrays.fill(lambda[j], (double) seen / n);
            }
            alpha = 0.3 / k;
            // LCMCR starts with four big classes (0.225 each) and spreads 0.1 over the rest
            for (int c = 0; c < k; c++) {
                nu[c] = k <= 4 ? 1.0 / k : c < 4 ? 0.225 : 0.1 / (k - 4);
            }
            for (int i = 0; i < WARM_UP; i++) {
                sweep(false);
            }
            reorderByWeight();
        }

        private void sweep(boolean withAlpha) {
            classesOfObserved();
            listProbabilities();
            stickBreakingWeights();
            unseen();
            if (withAlpha) {
                alpha = v.gamma(o.aAlpha() + k - 1) / (o.bAlpha() - logLastNu);
            }
        }

        private void classesOfObserved() {
            orderByWeight();
            for (int j = 0; j < lists; j++) {
                for (int c = 0; c < k; c++) {
                    miss[j][c] = 1 - lambda[j][c];
                }
            }
            java.util.Arrays.fill(byClass, 0);
            for (int j = 0; j < lists; j++) {
                java.util.Arrays.fill(yes[j], 0);
            }
            for (int m = 0; m < cells; m++) {
                System.arraycopy(nu, 0, weights, 0, k);
                for (int j = 0; j < lists; j++) {
                    double[] f = on[m][j] ? lambda[j] : miss[j];
                    for (int c = 0; c < k; c++) {
                        weights[c] *= f[c];
                    }
                }
                v.multinomial(count[m], weights, k, order, drawn);
                tally(m);
            }
            for (int c = 0; c < k; c++) {
                byClass[c] += unseenByClass[c];
            }
        }

        /** Adds a pattern's people by class to the class sizes and to the lists' catches by class. */
        private void tally(int m) {
            for (int c = 0; c < k; c++) {
                byClass[c] += drawn[c];
            }
            for (int j : onLists[m]) {
                long[] y = yes[j];
                for (int c = 0; c < k; c++) {
                    y[c] += drawn[c];
                }
            }
        }

        private void listProbabilities() {
            for (int j = 0; j < lists; j++) {
                for (int c = 0; c < k; c++) {
                    lambda[j][c] = v.beta(1 + yes[j][c], 1 + byClass[c] - yes[j][c]);
                }
            }
        }

        /**
         * nu_c = V_c prod_{l < c} (1 - V_l) with V_c = G1 / (G1 + G2), G1 ~ Gamma(1 + n_c), G2 ~ Gamma(alpha + n_{>c}).
         * While G2's shape is at least 1 neither gamma can underflow and the products are formed directly; once the
         * later classes are empty (shape alpha < 1) the rest is in logs, as LCMCR does throughout (G2 can underflow).
         */
        private void stickBreakingWeights() {
            long before = 0;
            double rest = 1;
            double logRest = 0;
            boolean direct = true;
            for (int c = 0; c < k - 1; c++) {
                before += byClass[c];
                double shape = alpha + (n0 + n - before);
                if (direct && shape >= 1) {
                    double g1 = v.gamma(1 + byClass[c]);
                    double g2 = v.gamma(shape);
                    double sum = g1 + g2;
                    nu[c] = rest * (g1 / sum);
                    rest *= g2 / sum;
                    continue;
                }
                if (direct) {
                    logRest = Math.log(rest);
                    direct = false;
                }
                double g1 = v.logGamma(1 + byClass[c]);
                double g2 = v.logGamma(shape);
                double sum = g1 > g2 ? g1 + Math.log1p(Math.exp(g2 - g1)) : g2 + Math.log1p(Math.exp(g1 - g2));
                nu[c] = Math.exp(g1 - sum + logRest);
                logRest += g2 - sum;
            }
            logLastNu = direct ? Math.log(rest) : logRest;
            nu[k - 1] = direct ? rest : Math.exp(logRest);
        }

        private void unseen() {
            double zero = 0;
            for (int c = 0; c < k; c++) {
                double p = nu[c];
                for (int j = 0; j < lists; j++) {
                    p *= 1 - lambda[j][c];
                }
                weights[c] = p;
                zero += p;
            }
            n0 = v.negativeBinomial(1 - zero, n);
            v.multinomial(n0, weights, k, order, unseenByClass);
        }

        /** The classes by decreasing weight nu, for the multinomial draws (insertion sort: K is small, order stable). */
        private void orderByWeight() {
            for (int c = 0; c < k; c++) {
                int j = c;
                while (j > 0 && nu[order[j - 1]] < nu[c]) {
                    order[j] = order[j - 1];
                    j--;
                }
                order[j] = c;
            }
        }

        /** Classes by decreasing weight, as LCMCR does after its warm-up. */
        private void reorderByWeight() {
            Integer[] order = new Integer[k];
            for (int c = 0; c < k; c++) {
                order[c] = c;
            }
            java.util.Arrays.sort(order, (a, b) -> Double.compare(nu[b], nu[a]));
            double[][] l = new double[lists][k];
            double[] w = new double[k];
            long[] u = new long[k];
            for (int c = 0; c < k; c++) {
                int old = order[c];
                for (int j = 0; j < lists; j++) {
                    l[j][c] = lambda[j][old];
                }
                w[c] = nu[old];
                u[c] = unseenByClass[old];
            }
            for (int j = 0; j < lists; j++) {
                System.arraycopy(l[j], 0, lambda[j], 0, k);
            }
            System.arraycopy(w, 0, nu, 0, k);
            System.arraycopy(u, 0, unseenByClass, 0, k);
        }
    }
}
