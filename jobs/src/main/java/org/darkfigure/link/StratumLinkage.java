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

    /** How many of each comparison pattern the candidate pairs show. */
    public static Map<Integer, Long> patternCounts(LinkRecord[] records, long[] candidates) {
        Map<Integer, Long> counts = new HashMap<>();
        for (long pair : candidates) {
            counts.merge(Comparison.pattern(records[(int) (pair >>> 32)], records[(int) pair]), 1L, Long::sum);
        }
        return counts;
    }

    /** Level counts per field over {@code samples} random pairs of distinct records (nearly all non-matches). */
    public static double[][] randomPairCounts(LinkRecord[] records, int samples, long seed) {
        List<Comparison.Field> fields = Comparison.FIELDS;
        double[][] counts = new double[fields.size()][];
        for (int k = 0; k < fields.size(); k++) {
            counts[k] = new double[fields.get(k).size()];
        }
        if (records.length < 2) {
            return counts;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < samples; i++) {
            int a = random.nextInt(records.length);
            int b = random.nextInt(records.length);
            if (a == b) {
                continue;
            }
            int p = Comparison.pattern(records[a], records[b]);
            for (int k = 0; k < fields.size(); k++) {
                int l = Comparison.level(p, k);
                if (l > 0) {
                    counts[k][l]++;
                }
            }
        }
        return counts;
    }

    /** u from summed random-pair counts; a level never seen among random pairs still gets a small u. */
    public static double[][] uFromCounts(double[][] counts) {
        double[][] u = new double[counts.length][];
        for (int k = 0; k < counts.length; k++) {
            u[k] = counts[k].clone();
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
     * match probability of at least 1% (ids, weight, pattern), and the weight histogram (bins of 1 bit).
     */
    public record Scored(long[] ids, long[] clusters, long[] pairA, long[] pairB, double[] weights, int[] patterns,
                         Map<Integer, Long> histogram) implements Serializable {
    }

    /**
     * Scores every candidate pair (the model's weight plus the term-frequency adjustment), links pairs at or
     * above the probability {@code threshold} unless both records are one source's record of the same
     * incident, and clusters the records by union-find.
     */
    public static Scored score(LinkRecord[] records, long[] candidates, FellegiSunter model,
                               Map<String, Double> citizenshipShare, double threshold) {
        double priorBits = Math.log(model.lambda() / (1 - model.lambda())) / Math.log(2);
        UnionFind clusters = new UnionFind(records.length);
        int kept = 0;
        long[] pairA = new long[16];
        long[] pairB = new long[16];
        double[] weights = new double[16];
        int[] patterns = new int[16];
        Map<Integer, Long> histogram = new HashMap<>();
        for (long pair : candidates) {
            int i = (int) (pair >>> 32);
            int j = (int) pair;
            LinkRecord a = records[i];
            LinkRecord b = records[j];
            int pattern = Comparison.pattern(a, b);
            double w = model.weight(pattern) + termFrequency(model, pattern, a, citizenshipShare);
            histogram.merge((int) Math.floor(w), 1L, Long::sum);
            boolean sameEvent = a.source().equals(b.source()) && a.incident() != null && a.incident().equals(b.incident());
            double posterior = 1 / (1 + Math.pow(2, -(priorBits + w)));
            if (posterior >= threshold && !sameEvent) {
                clusters.union(i, j);
            }
            if (posterior >= 0.01) {
                if (kept == pairA.length) {
                    pairA = Arrays.copyOf(pairA, kept * 2);
                    pairB = Arrays.copyOf(pairB, kept * 2);
                    weights = Arrays.copyOf(weights, kept * 2);
                    patterns = Arrays.copyOf(patterns, kept * 2);
                }
                pairA[kept] = a.id();
                pairB[kept] = b.id();
                weights[kept] = w;
                patterns[kept++] = pattern;
            }
        }
        long[] ids = new long[records.length];
        long[] cluster = new long[records.length];
        for (int i = 0; i < records.length; i++) {
            ids[i] = records[i].id();
            cluster[i] = records[clusters.find(i)].id();
        }
        return new Scored(ids, cluster, Arrays.copyOf(pairA, kept), Arrays.copyOf(pairB, kept),
                Arrays.copyOf(weights, kept), Arrays.copyOf(patterns, kept), histogram);
    }

    /**
     * Term-frequency adjustment (as in Splink): agreeing on a common citizenship is weaker evidence than
     * agreeing on a rare one; the weight's u for "same citizenship" is replaced by the value's share.
     */
    private static final int CITIZENSHIP = Comparison.index("citizenship");

    static double termFrequency(FellegiSunter model, int pattern, LinkRecord a, Map<String, Double> share) {
        int field = CITIZENSHIP;
        if (Comparison.level(pattern, field) != 1) {
            return 0;
        }
        Double s = share.get(a.citizenship());
        if (s == null || s <= 0) {
            return 0;
        }
        return Math.log(model.u()[field][1] / s) / Math.log(2);
    }
}
