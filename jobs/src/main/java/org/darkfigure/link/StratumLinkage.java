package org.darkfigure.link;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The linkage of one stratum's records (sorted by id) in plain Java, as the Spark job runs it on each
 * stratum: the pattern counts of its candidate pairs (for fitting the model over all strata), agreement
 * counts of random pairs (for u), and, once the model is fitted, the scoring and clustering of its pairs.
 */
public final class StratumLinkage {

    private StratumLinkage() {
    }

    /**
     * A stratum's records with its candidate pairs and their comparison patterns, made once: the model is fitted
     * from the patterns' counts and the same pairs are then scored (blocking and comparing twice cost about a third of
     * the linkage at a million records).
     */
    public record Compared(StratumRecords stratum, long[] candidates, int[] patterns, NameNeighbours neighbours)
            implements Serializable {

        public LinkRecord[] records() {
            return stratum.records();
        }

        /**
         * Blocks and compares the records; the names' neighbourhoods are counted over the candidates and over the
         * pairs the birth-year window of large strata leaves out ({@link Blocking}): a namesake born decades apart is
         * not a candidate, but still makes the name common.
         */
        public static Compared of(LinkRecord[] records, Blocking blocking) {
            return of(records, blocking, records.length, null, null);
        }

        /**
         * A part of a large stratum (issue 20): the pairs it makes ({@link Blocking#candidates(LinkRecord[], int,
         * java.util.function.IntUnaryOperator, Blocking.Part, Blocking.Outside)}) compared, and its records'
         * neighbourhoods counted over those pairs only (the parts' counts are summed before scoring:
         * {@link #withNeighbours}). {@code yearSize}: the stratum's records per birth year (null: counted here).
         */
        public static Compared of(LinkRecord[] records, Blocking blocking, int stratumSize,
                                  java.util.function.IntUnaryOperator yearSize, Blocking.Part part) {
            NameNeighbours neighbours = new NameNeighbours(records.length, stratumSize);
            long[] candidates = blocking.candidates(records, stratumSize, yearSize, part,
                    (i, j) -> neighbours.add(i, j, Comparison.nameAndCitizenship(records[i], records[j])));
            int[] patterns = new int[candidates.length];
            for (int c = 0; c < candidates.length; c++) {
                int i = (int) (candidates[c] >>> 32);
                int j = (int) candidates[c];
                patterns[c] = Comparison.pattern(records[i], records[j]);
                neighbours.add(i, j, patterns[c]);
            }
            return new Compared(new StratumRecords(records), candidates, patterns, neighbours);
        }

        /** The same compared records with other neighbourhoods (a part's, summed over the stratum's parts). */
        public Compared withNeighbours(NameNeighbours summed) {
            return new Compared(stratum, candidates, patterns, summed);
        }

        /** How many of each comparison pattern the candidate pairs show. */
        public Map<Integer, Long> patternCounts() {
            Map<Integer, Long> counts = new HashMap<>();
            for (int pattern : patterns) {
                counts.merge(pattern, 1L, Long::sum);
            }
            return counts;
        }
    }

    /**
     * Level counts per field over {@code samples} random pairs of distinct records (nearly all non-matches); index 0
     * counts the pairs where the field is missing on either side.
     */
    public static double[][] randomPairCounts(LinkRecord[] records, int samples, long seed) {
        double[][] counts = noRandomPairs();
        long[] draws = randomDraws(records.length, samples, seed);
        for (long d : draws) {
            count(counts, records[(int) (d >>> 32)], records[(int) d]);
        }
        return counts;
    }

    /** Level counts of no pairs (the shape {@link #randomPairCounts} fills). */
    public static double[][] noRandomPairs() {
        List<Comparison.Field> fields = Comparison.FIELDS;
        double[][] counts = new double[fields.size()][];
        for (int k = 0; k < fields.size(); k++) {
            counts[k] = new double[fields.get(k).size()];
        }
        return counts;
    }

    /** Adds one random pair's levels to {@code counts}. */
    public static void count(double[][] counts, LinkRecord a, LinkRecord b) {
        int p = Comparison.pattern(a, b);
        for (int k = 0; k < counts.length; k++) {
            counts[k][Comparison.level(p, k)]++;
        }
    }

    /**
     * The random pairs {@link #randomPairCounts} compares, as positions in a stratum of {@code size} records sorted by
     * id ({@code a << 32 | b}; a draw of one record twice is skipped): a large stratum linked in parts (issue 20) draws
     * the same pairs without holding its records in one place.
     */
    public static long[] randomDraws(int size, int samples, long seed) {
        if (size < 2) {
            return new long[0];
        }
        SplittableRandom random = new SplittableRandom(seed);
        long[] draws = new long[samples];
        int n = 0;
        for (int i = 0; i < samples; i++) {
            int a = random.nextInt(size);
            int b = random.nextInt(size);
            if (a != b) {
                draws[n++] = ((long) a << 32) | b;
            }
        }
        return Arrays.copyOf(draws, n);
    }

    /** u from summed random-pair counts; a level never seen among random pairs still gets a small u. */
    public static double[][] uFromCounts(double[][] counts) {
        double[][] u = new double[counts.length][];
        for (int k = 0; k < counts.length; k++) {
            u[k] = counts[k].clone();
            u[k][0] = 0;
            double sum = 0;
            for (int l = 1; l < u[k].length; l++) {
                u[k][l] += 0.5;
                sum += u[k][l];
            }
            for (int l = 1; l < u[k].length; l++) {
                u[k][l] /= sum;
            }
        }
        return u;
    }

    /**
     * What scoring a stratum gives: each record's cluster (as the id of one of its members), the pairs with
     * match probability of at least 1% (ids, weight, log2 posterior odds, pattern), the weight histogram (bins of 1
     * bit), the stratum's prior (log2 odds that two of its records are one person) and its expected matching pairs;
     * and each record's cluster at every other threshold asked for ({@code clustersAt[t][i]}, issue 20: people at all
     * thresholds are built where the stratum is, in one pass); the stratum, and each record's source and key across
     * submissions (null where the input has none), from which its people are written where it is
     * ({@link StratumPeople}).
     */
    public record Scored(long[] ids, long[] clusters, long[] pairA, long[] pairB, double[] weights, double[] odds,
                         int[] patterns, Map<Integer, Long> histogram, double priorBits, double matches,
                         long[] unlikelyA, long[] unlikelyB, double[] unlikelyOdds, long[][] clustersAt,
                         String stratum, String[] sources, String[] recordKeys)
            implements Serializable {
    }

    /**
     * Scores every candidate pair (the model's weight, with agreeing names weighed by their neighbourhoods and
     * citizenship by its frequency), links pairs at or above the probability {@code threshold} unless both records
     * are one source's record of the same incident, and clusters the records by union-find.
     *
     * <p>The prior is the stratum's (issue 16): the share of all its pairs that are one person, from the matching pairs
     * per record that training found ({@link ModelTraining.Trained#matchesPerRecord}) times the stratum's records; where
     * training could not say, found as EM finds a mixing proportion with the weights fixed (pairs blocking did not
     * make taken as different people). A stratum of 20,000 people then asks more of a pair than one of 500, as it
     * should: it has more namesakes. The clusters at each of the thresholds {@code alsoAt} are built as well.
     */
    public static Scored score(Compared compared, FellegiSunter model, Map<String, Double> citizenshipShare,
                               double threshold, double matchesPerRecord, double[] alsoAt) {
        LinkRecord[] records = compared.records();
        long[] candidates = compared.candidates();
        double[] w = weights(compared, model, citizenshipShare, matchesPerRecord);
        int[] linkA = new int[candidates.length];
        int[] linkB = new int[candidates.length];
        boolean[] sameEvent = new boolean[candidates.length];
        for (int c = 0; c < candidates.length; c++) {
            linkA[c] = (int) (candidates[c] >>> 32);
            linkB[c] = (int) candidates[c];
            sameEvent[c] = sameEvent(records[linkA[c]], records[linkB[c]]);
        }
        return score(Members.of(records), linkA, linkB, w, compared.patterns(), sameEvent, threshold, matchesPerRecord,
                alsoAt);
    }

    /** Whether two records are one source's records of one incident (never one person). */
    public static boolean sameEvent(LinkRecord a, LinkRecord b) {
        return a.source().equals(b.source()) && a.incident() != null && a.incident().equals(b.incident());
    }

    /**
     * Each candidate pair's weight: the model's, with agreeing names weighed by their neighbourhoods and citizenship
     * by its frequency.
     */
    public static double[] weights(Compared compared, FellegiSunter model, Map<String, Double> citizenshipShare,
                                   double matchesPerRecord) {
        LinkRecord[] records = compared.records();
        long[] candidates = compared.candidates();
        int[] pattern = compared.patterns();
        double[] w = new double[candidates.length];
        NameNeighbours neighbours = compared.neighbours();
        for (int c = 0; c < candidates.length; c++) {
            int i = (int) (candidates[c] >>> 32);
            int j = (int) candidates[c];
            w[c] = model.weight(pattern[c]) + (neighbours.covers(pattern[c])
                    ? neighbours.adjustment(model, pattern[c], i, j, matchesPerRecord)
                    : citizenshipFrequency(model, pattern[c], records[i], citizenshipShare));
            if (Double.isNaN(w[c])) { // a NaN weight links nothing and says nothing: never publish from one
                throw new IllegalStateException("the weight of a pair with pattern " + model.explain(pattern[c])
                        + " is not a number");
            }
        }
        return w;
    }

    /**
     * What scoring and people need of a stratum's records: their ids ascending, each one's source and key across
     * submissions (null where the input has none), and the stratum (null if it has no records).
     */
    public record Members(String stratum, long[] ids, String[] sources, String[] recordKeys) implements Serializable {

        public static Members of(LinkRecord[] records) {
            long[] ids = new long[records.length];
            String[] sources = new String[records.length];
            String[] recordKeys = new String[records.length];
            for (int i = 0; i < records.length; i++) {
                ids[i] = records[i].id();
                sources[i] = records[i].source();
                recordKeys[i] = records[i].recordKey();
            }
            return new Members(records.length == 0 ? null : records[0].stratum(), ids, sources, recordKeys);
        }
    }

    /**
     * Scores a stratum's weighed pairs ({@code a[c] < b[c]}, positions in {@code members}, sorted by a then b) and
     * builds its people: the part of scoring that needs every pair of the stratum but none of its records (issue 20: a
     * large stratum's pairs are weighed in parts and gathered here).
     */
    public static Scored score(Members members, int[] linkA, int[] linkB, double[] w, int[] pattern, boolean[] sameEvent,
                               double threshold, double matchesPerRecord, double[] alsoAt) {
        int n = members.ids().length;
        long[] id = members.ids();
        double allPairs = Math.max(1, (double) n * (n - 1) / 2);
        double lambda = matchesPerRecord > 0 ? Math.min(0.5, Math.max(1e-12, matchesPerRecord * n / allPairs))
                : prior(w, allPairs, n);
        double priorBits = Math.log(lambda / (1 - lambda)) / Math.log(2);
        int kept = 0;
        long[] pairA = new long[16];
        long[] pairB = new long[16];
        double[] weights = new double[16];
        double[] odds = new double[16];
        int[] patterns = new int[16];
        Map<Integer, Long> histogram = new HashMap<>();
        double matches = 0;
        int pairs = w.length;
        double[] logOdds = new double[pairs];
        boolean[] likely = new boolean[pairs];
        for (int c = 0; c < pairs; c++) {
            histogram.merge((int) Math.floor(w[c]), 1L, Long::sum);
            double posterior = 1 / (1 + Math.pow(2, -(priorBits + w[c])));
            matches += posterior;
            logOdds[c] = sameEvent[c] ? Clustering.NEVER : priorBits + w[c];
            likely[c] = posterior >= Clustering.UNLIKELY;
            if (likely[c]) {
                if (kept == pairA.length) {
                    pairA = Arrays.copyOf(pairA, kept * 2);
                    pairB = Arrays.copyOf(pairB, kept * 2);
                    weights = Arrays.copyOf(weights, kept * 2);
                    odds = Arrays.copyOf(odds, kept * 2);
                    patterns = Arrays.copyOf(patterns, kept * 2);
                }
                pairA[kept] = id[linkA[c]];
                pairB[kept] = id[linkB[c]];
                weights[kept] = w[c];
                odds[kept] = priorBits + w[c];
                patterns[kept++] = pattern[c];
            }
        }
        long[] cluster = clusters(id, Clustering.of(n, linkA, linkB, logOdds, threshold));
        long[][] clustersAt = new long[alsoAt.length][];
        for (int t = 0; t < alsoAt.length; t++) {
            clustersAt[t] = clusters(id, Clustering.of(n, linkA, linkB, logOdds, alsoAt[t]));
        }
        // the unlikely pairs (and one source's pairs of one incident) that weigh against joining groups when people
        // are rebuilt at another threshold: only between records that have a scored pair (the others stay alone at
        // any threshold of at least 1%)
        java.util.BitSet linkable = new java.util.BitSet(n);
        for (int c = 0; c < pairs; c++) {
            if (logOdds[c] > Clustering.NEVER && likely[c]) {
                linkable.set(linkA[c]);
                linkable.set(linkB[c]);
            }
        }
        int relevant = 0;
        long[] unlikelyA = new long[16];
        long[] unlikelyB = new long[16];
        double[] unlikelyOdds = new double[16];
        for (int c = 0; c < pairs; c++) {
            boolean unlikely = logOdds[c] <= Clustering.NEVER || !likely[c];
            if (unlikely && linkable.get(linkA[c]) && linkable.get(linkB[c])) {
                if (relevant == unlikelyA.length) {
                    unlikelyA = Arrays.copyOf(unlikelyA, relevant * 2);
                    unlikelyB = Arrays.copyOf(unlikelyB, relevant * 2);
                    unlikelyOdds = Arrays.copyOf(unlikelyOdds, relevant * 2);
                }
                unlikelyA[relevant] = id[linkA[c]];
                unlikelyB[relevant] = id[linkB[c]];
                unlikelyOdds[relevant++] = logOdds[c];
            }
        }
        return new Scored(id, cluster, Arrays.copyOf(pairA, kept), Arrays.copyOf(pairB, kept),
                Arrays.copyOf(weights, kept), Arrays.copyOf(odds, kept), Arrays.copyOf(patterns, kept), histogram,
                priorBits, matches, Arrays.copyOf(unlikelyA, relevant), Arrays.copyOf(unlikelyB, relevant),
                Arrays.copyOf(unlikelyOdds, relevant), clustersAt, members.stratum(), members.sources(),
                members.recordKeys());
    }

    /** Each record's cluster, as the id of one of its members. */
    private static long[] clusters(long[] ids, UnionFind groups) {
        long[] cluster = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            cluster[i] = ids[groups.find(i)];
        }
        return cluster;
    }

    /**
     * The share of a stratum's pairs that are matches, given each candidate pair's weight (log2 Bayes factor): the
     * fixed point of lambda = sum of posteriors / all pairs, from one match per record as the start.
     */
    static double prior(double[] weights, double allPairs, int records) {
        double lambda = Math.min(0.5, Math.max(1, records / 2.0) / allPairs);
        double[] factor = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            factor[i] = Math.pow(2, weights[i]);
        }
        for (int iteration = 0; iteration < 200; iteration++) {
            double odds = lambda / (1 - lambda);
            double sum = 0;
            for (double bf : factor) {
                sum += odds * bf / (1 + odds * bf);
            }
            double next = Math.min(0.5, Math.max(1e-12, sum / allPairs));
            if (Math.abs(next - lambda) <= 1e-6 * lambda) {
                return next;
            }
            lambda = next;
        }
        return lambda;
    }

    private static final int CITIZENSHIP = Comparison.index("citizenship");

    /**
     * The term-frequency adjustment for citizenship (as in Splink): agreeing on a common value is weaker evidence
     * than agreeing on a rare one, so the level's u is replaced by the value's share over all strata. Names that
     * agree are weighed by their neighbourhoods instead ({@link NameNeighbours}), together with citizenship.
     */
    static double citizenshipFrequency(FellegiSunter model, int pattern, LinkRecord a, Map<String, Double> share) {
        if (Comparison.level(pattern, CITIZENSHIP) != 1) {
            return 0;
        }
        Double s = share.get(a.citizenship());
        return s != null && s > 0 ? Math.log(model.u()[CITIZENSHIP][1] / s) / Math.log(2) : 0;
    }
}
