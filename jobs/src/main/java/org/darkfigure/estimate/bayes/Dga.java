package org.darkfigure.estimate.bayes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.darkfigure.estimate.CaptureHistory;

/**
 * Bayesian model averaging over decomposable graphical models (Madigan & York 1997), as R's dga 2.0.2
 * {@code bma.cr(Y, Nmissing = 1:M, delta, graphs, logprior)}: for every decomposable graph g on the K lists and every
 * unseen count m, the hyper-Dirichlet marginal likelihood of the completed table,
 * <pre>
 *   log p(Y, m | g) = sum over cliques C of f_C(m) - sum over separators S of f_S(m)
 *                     + (|cliques| - |separators|) (lgamma(A) - lgamma(n + m + A))
 *                     + lgamma(n + m + 1) - lgamma(m + 1) - sum over cells lgamma(y + 1),
 *   f_T(m) = sum over cells t of T's marginal table of lgamma(y_T(t) + a_T) - lgamma(a_T),
 * </pre>
 * with a_T = delta 2^(K - |T|) per marginal cell, A = delta 2^K, and m added to the marginal cell of people on none
 * of T's lists (dga's MakeCompMatrix / CompLogML / computeLogPostProbs), plus the log prior of N = n + m. The weights
 * exp(.) normalised over all (g, m) give the posterior of N (sum over g) and of the graphs (sum over m).
 *
 * <p>Only the all-zero marginal cell depends on m, so each marginal table contributes a constant plus one
 * lgamma(y_T(0) + m + a_T) per m; those are computed block by block of m and shared by all graphs.
 */
public final class Dga {

    /** Automatic bound on the unseen count: start here (or at 2 n), double while the upper half holds > 1e-6. */
    static final int AUTO_START = 2_000;
    /** The automatic bound stops doubling here and warns instead. */
    public static final int AUTO_CAP = 2_000_000;
    /** Warn when the top tenth of the unseen counts considered holds more posterior than this. */
    static final double TAIL_WARNING = 1e-3;

    private static final int BLOCK = 2048;
    /** The scale of a block is looked for at every STRIDE-th unseen count. */
    private static final int STRIDE = 4;
    /**
     * Weights below exp(-50) = 2e-22 of their block's largest are skipped rather than computed: R keeps them down to
     * exp's underflow (-745), but even 10^8 of them change no sum by more than 2e-14 of itself, and most of the
     * graphs' weights are far below the best ones'.
     */
    private static final double NEGLIGIBLE = -50;

    private Dga() {
    }

    /** The prior on the total N = n + m. */
    public sealed interface Prior permits OneOverN, MadiganYork {
        double log(double total);

        String label();

        /** {@code one-over-n} or {@code madigan-york:A,B}. */
        static Prior parse(String text) {
            String t = text.trim().toLowerCase(Locale.ROOT);
            if (t.equals("one-over-n") || t.equals("1/n")) {
                return new OneOverN();
            }
            if (t.startsWith("madigan-york:")) {
                String[] ab = t.substring("madigan-york:".length()).split(",");
                if (ab.length == 2) {
                    try {
                        return new MadiganYork(Double.parseDouble(ab[0].trim()), Double.parseDouble(ab[1].trim()));
                    } catch (NumberFormatException e) {
                        // fall through to the message below
                    }
                }
            }
            throw new IllegalArgumentException("prior '" + text + "' is not one-over-n or madigan-york:A,B");
        }
    }

    /** dga's default: log prior -log(N) = -log(n + m), as its code computes it (its help page says -log(m)). */
    public record OneOverN() implements Prior {
        @Override
        public double log(double total) {
            return -Math.log(total);
        }

        @Override
        public String label() {
            return "1/N";
        }
    }

    /** Madigan & York's (1997) prior: N log b - (N + a) log(1 + b) + lgamma(N + a) - lgamma(N + 1) - lgamma(a). */
    public record MadiganYork(double a, double b) implements Prior {
        public MadiganYork {
            if (!(a > 0 && b > 0)) {
                throw new IllegalArgumentException("madigan-york needs a > 0 and b > 0: " + a + ", " + b);
            }
        }

        @Override
        public double log(double total) {
            return total * Math.log(b) - (total + a) * Math.log1p(b) + LogGamma.of(total + a) - LogGamma.of(total + 1)
                    - LogGamma.of(a);
        }

        @Override
        public String label() {
            return "madigan-york(a=" + a + ",b=" + b + ")";
        }
    }

    /**
     * @param delta      hyper-Dirichlet parameter (dga's examples: 2^-K)
     * @param maxMissing largest unseen count considered (dga's Nmissing = 1:maxMissing); 0 = automatic
     */
    public record Options(double delta, Prior prior, int maxMissing) {
        public Options {
            if (!(delta > 0) || !Double.isFinite(delta)) {
                throw new IllegalArgumentException("delta must be positive: " + delta);
            }
            if (maxMissing < 0) {
                throw new IllegalArgumentException("max-missing must be positive (0 = automatic): " + maxMissing);
            }
        }

        public static Options defaults(int lists) {
            return new Options(Math.pow(2, -lists), new OneOverN(), 0);
        }

        public Options withDelta(double value) {
            return new Options(value, prior, maxMissing);
        }

        public Options withPrior(Prior value) {
            return new Options(delta, value, maxMissing);
        }

        public Options withMaxMissing(int value) {
            return new Options(delta, prior, value);
        }
    }

    /** A graph and its posterior probability. */
    public record WeightedGraph(DecomposableGraphs.Graph graph, double probability) {
    }

    /**
     * The posterior of N (over N = n + 1 .. n + maxMissing), every graph's posterior probability (in
     * {@link DecomposableGraphs#of} order), the bound used, the mass in the top tenth of the unseen counts, and
     * plain-language warnings.
     */
    public record Result(long observed, Options options, int maxMissing, Posterior posterior, List<WeightedGraph> graphs,
                         double tailMass, List<String> warnings) {

        public Result {
            graphs = List.copyOf(graphs);
            warnings = List.copyOf(warnings);
        }

        public WeightedGraph topModel() {
            WeightedGraph best = graphs.get(0);
            for (WeightedGraph g : graphs) {
                if (g.probability() > best.probability()) {
                    best = g;
                }
            }
            return best;
        }

        /** The graphs by decreasing posterior probability, at most {@code limit}. */
        public List<WeightedGraph> top(int limit) {
            return graphs.stream().sorted((a, b) -> Double.compare(b.probability(), a.probability())).limit(limit).toList();
        }
    }

    public static Result fit(CaptureHistory history, Options options) {
        return fit(history, options, AUTO_CAP);
    }

    /** As {@link #fit(CaptureHistory, Options)}, the automatic bound capped at {@code cap} unseen people. */
    public static Result fit(CaptureHistory history, Options options, int cap) {
        int k = history.k();
        if (k < 2 || k > DecomposableGraphs.MAX_LISTS) {
            throw new IllegalArgumentException("dga averages over decomposable graphs of 2.." + DecomposableGraphs.MAX_LISTS
                    + " lists; this table has " + k);
        }
        long n = history.observed();
        Tables t = new Tables(history, options.delta());
        List<DecomposableGraphs.Graph> graphs = DecomposableGraphs.of(k);
        int gs = graphs.size();
        double[] graphConstant = new double[gs];
        for (int g = 0; g < gs; g++) {
            DecomposableGraphs.Graph graph = graphs.get(g);
            double c = 0;
            for (int clique : graph.cliques()) {
                c += t.constant[clique];
            }
            for (int sep : graph.separators()) {
                c -= t.constant[sep];
            }
            graphConstant[g] = c + (graph.cliques().length - graph.separators().length) * t.logGammaA - t.sumLogFactorials;
        }
        boolean automatic = options.maxMissing() == 0;
        int bound = automatic ? roundUp((int) Math.min(cap, Math.max(AUTO_START, 2 * n))) : options.maxMissing();
        // blocks of unseen counts, each with its own scale (its largest log weight): computed once, in parallel, and
        // combined in block order, so that the sums do not depend on the threads; the automatic bound only adds blocks
        List<Block> done = new ArrayList<>();
        boolean capped = false;
        while (true) {
            int from = done.size();
            int to = (bound + BLOCK - 1) / BLOCK;
            int upTo = bound;
            Block[] fresh = new Block[to - from];
            IntStream.range(from, to).parallel().forEach(b -> fresh[b - from] =
                    block(t, graphs, graphConstant, options.prior(), b, upTo));
            done.addAll(List.of(fresh));
            if (!automatic || massAbove(done, bound / 2) <= 1e-6) {
                break;
            }
            if (bound >= cap) {
                capped = true;
                break;
            }
            bound = (int) Math.min(cap, 2L * bound);
        }
        double max = Double.NEGATIVE_INFINITY;
        for (Block b : done) {
            max = Math.max(max, b.scale);
        }
        double[] byTotal = new double[bound];
        double[] graphSum = new double[gs];
        for (int b = 0; b < done.size(); b++) {
            Block block = done.get(b);
            double f = Math.exp(block.scale - max);
            for (int i = 0; i < block.byTotal.length; i++) {
                byTotal[b * BLOCK + i] = block.byTotal[i] * f;
            }
            for (int g = 0; g < gs; g++) {
                graphSum[g] += block.byGraph[g] * f;
            }
        }
        double total = 0;
        for (double s : graphSum) {
            total += s;
        }
        List<WeightedGraph> weighted = new ArrayList<>(gs);
        for (int g = 0; g < gs; g++) {
            weighted.add(new WeightedGraph(graphs.get(g), graphSum[g] / total));
        }
        Posterior posterior = Posterior.exact(n + 1, byTotal);
        double tail = posterior.upperTail(n + (long) Math.floor(0.9 * bound));
        List<String> warnings = new ArrayList<>();
        if (capped && tail <= TAIL_WARNING) {
            warnings.add(String.format(Locale.ROOT, "The posterior of the total has a long tail: even at %d unseen people "
                    + "(the automatic bound's cap) the upper half of the range holds more than 1e-6 of it, so the mean "
                    + "and the upper quantiles are uncertain; the table may not identify the total under some of the "
                    + "graphs.", bound));
        }
        if (tail > TAIL_WARNING) {
            warnings.add(String.format(Locale.ROOT, "The posterior is cut off at %d unseen people, and %.2g of it lies in "
                    + "the top tenth below that bound: the tail beyond it is probably not negligible, so the mean and "
                    + "upper quantiles are too low%s.", bound, tail,
                    automatic ? " (the automatic bound stopped at its cap)" : "; raise --max-missing"));
        }
        return new Result(n, options, bound, posterior, weighted, tail, warnings);
    }

    private static int roundUp(int m) {
        return (m + BLOCK - 1) / BLOCK * BLOCK;
    }

    /** Share of the posterior on unseen counts above {@code m} (m a multiple of BLOCK or not). */
    private static double massAbove(List<Block> blocks, int m) {
        double max = Double.NEGATIVE_INFINITY;
        for (Block b : blocks) {
            max = Math.max(max, b.scale);
        }
        double all = 0;
        double above = 0;
        for (int b = 0; b < blocks.size(); b++) {
            Block block = blocks.get(b);
            double f = Math.exp(block.scale - max);
            for (int i = 0; i < block.byTotal.length; i++) {
                double w = block.byTotal[i] * f;
                all += w;
                if (b * BLOCK + i + 1 > m) {
                    above += w;
                }
            }
        }
        return above / all;
    }

    /** One block's weights exp(log weight - scale), by unseen count and summed by graph. */
    private record Block(double scale, double[] byTotal, double[] byGraph) {
    }

    /**
     * Block b of unseen counts m = b * BLOCK + 1 ... (up to maxMissing). Its scale is the largest log weight at every
     * STRIDE-th m (cheap; between them a log weight cannot climb by hundreds); should the full pass find one more
     * than 600 above that, the block is redone with the exact largest.
     */
    private static Block block(Tables t, List<DecomposableGraphs.Graph> graphs, double[] graphConstant, Dga.Prior prior,
                               int b, int maxMissing) {
        int from = b * BLOCK;
        int len = Math.min(BLOCK, maxMissing - from);
        double[][] margin = new double[t.constant.length][];
        double[] base = new double[len];
        double[] denominator = new double[len];
        for (int i = 0; i < len; i++) {
            double m = from + i + 1;
            double total = t.n + m;
            base[i] = LogGamma.of(total + 1) - LogGamma.of(m + 1) + prior.log(total);
            denominator[i] = LogGamma.of(total + t.a);
        }
        // the scale from every STRIDE-th m (and the last), on compact copies so that the loops stay vectorisable
        int points = (len - 1) / STRIDE + 2;
        int[] at = new int[points];
        for (int p = 0; p < points; p++) {
            at[p] = Math.min(p * STRIDE, len - 1);
        }
        double[][] compact = new double[t.constant.length][];
        for (int mask = 1; mask < compact.length; mask++) {
            double[] full = margin(t, margin, mask, from, len);
            double[] c = new double[points];
            for (int p = 0; p < points; p++) {
                c[p] = full[at[p]];
            }
            compact[mask] = c;
        }
        double[] compactBase = new double[points];
        double[] compactDenominator = new double[points];
        for (int p = 0; p < points; p++) {
            compactBase[p] = base[at[p]];
            compactDenominator[p] = denominator[at[p]];
        }
        double[] sample = new double[points];
        double scale = Double.NEGATIVE_INFINITY;
        for (int g = 0; g < graphs.size(); g++) {
            DecomposableGraphs.Graph graph = graphs.get(g);
            int subgraphs = graph.cliques().length - graph.separators().length;
            double c = graphConstant[g];
            for (int p = 0; p < points; p++) {
                sample[p] = compactBase[p] + c - subgraphs * compactDenominator[p];
            }
            for (int clique : graph.cliques()) {
                double[] v = compact[clique];
                for (int p = 0; p < points; p++) {
                    sample[p] += v[p];
                }
            }
            for (int sep : graph.separators()) {
                double[] v = compact[sep];
                for (int p = 0; p < points; p++) {
                    sample[p] -= v[p];
                }
            }
            for (int p = 0; p < points; p++) {
                scale = Math.max(scale, sample[p]);
            }
        }
        double[] row = new double[len];
        while (true) {
            double[] byTotal = new double[len];
            double[] byGraph = new double[graphs.size()];
            double seen = Double.NEGATIVE_INFINITY;
            double floor = scale + NEGLIGIBLE;
            for (int g = 0; g < graphs.size(); g++) {
                DecomposableGraphs.Graph graph = graphs.get(g);
                int subgraphs = graph.cliques().length - graph.separators().length;
                double c = graphConstant[g];
                for (int i = 0; i < len; i++) {
                    row[i] = base[i] + c - subgraphs * denominator[i];
                }
                for (int clique : graph.cliques()) {
                    double[] v = margin(t, margin, clique, from, len);
                    for (int i = 0; i < len; i++) {
                        row[i] += v[i];
                    }
                }
                for (int sep : graph.separators()) {
                    double[] v = margin(t, margin, sep, from, len);
                    for (int i = 0; i < len; i++) {
                        row[i] -= v[i];
                    }
                }
                double sum = 0;
                for (int i = 0; i < len; i++) {
                    double r = row[i];
                    if (r > floor) {
                        double w = Math.exp(r - scale);
                        byTotal[i] += w;
                        sum += w;
                        seen = Math.max(seen, r);
                    }
                }
                byGraph[g] = sum;
            }
            if (seen - scale <= 600) {
                return new Block(scale, byTotal, byGraph);
            }
            scale = seen;
        }
    }

    /** lgamma(y_T(0) + m + a_T) for the block, computed on first use. */
    private static double[] margin(Tables t, double[][] cache, int mask, int from, int len) {
        double[] v = cache[mask];
        if (v == null) {
            v = new double[len];
            double shift = t.zeroCell[mask] + t.alpha[mask];
            for (int i = 0; i < len; i++) {
                v[i] = LogGamma.of(shift + from + i + 1);
            }
            cache[mask] = v;
        }
        return v;
    }

    /** The parts of the marginal likelihoods that do not depend on m, for every subset of lists. */
    private static final class Tables {
        final long n;
        final double a;
        final double logGammaA;
        final double sumLogFactorials;
        final double[] constant;
        final double[] alpha;
        final long[] zeroCell;

        Tables(CaptureHistory h, double delta) {
            int k = h.k();
            int cells = 1 << k;
            n = h.observed();
            a = delta * cells;
            logGammaA = LogGamma.of(a);
            double lf = 0;
            for (int p = 1; p < cells; p++) {
                lf += LogGamma.of(h.count(p) + 1.0);
            }
            sumLogFactorials = lf;
            constant = new double[cells];
            alpha = new double[cells];
            zeroCell = new long[cells];
            long[] marginal = new long[cells];
            for (int s = 1; s < cells; s++) {
                java.util.Arrays.fill(marginal, 0);
                for (int p = 1; p < cells; p++) {
                    marginal[p & s] += h.count(p);
                }
                double as = delta * (1 << (k - Integer.bitCount(s)));
                double c = -(1 << Integer.bitCount(s)) * LogGamma.of(as);
                for (int sub = s; sub != 0; sub = (sub - 1) & s) {
                    c += LogGamma.of(marginal[sub] + as);
                }
                constant[s] = c;
                alpha[s] = as;
                zeroCell[s] = marginal[0];
            }
        }
    }
}
