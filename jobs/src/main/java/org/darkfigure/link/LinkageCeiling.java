package org.darkfigure.link;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How well linkage could do at best from the comparisons it makes (issue 16): the best pairwise F1 of any classifier
 * of the pairs' comparison patterns that knows the truth. It sees what the model sees, each field's level
 * ({@link Comparison#pattern}) and how common the name's sound is (the term-frequency adjustment's information,
 * bucketed), and decides every pattern by the truth: patterns in decreasing order of their matches' share, accepted
 * down to the cut of best F1 (the Neyman-Pearson order). No trained model can beat it on the same pairs, and it is
 * optimistic: a pattern seen a few times is decided as if its share were known. People formed by clustering can still
 * exceed it, since a pair the patterns cannot decide may be joined through others.
 *
 * <p>Why: on the sets whose goals are far off (the registers, historical_figures_50k) it separates what the model
 * fails to learn from what the pseudonymised fields, as compared, do not say.
 */
public final class LinkageCeiling {

    /** The best cut: its pairwise precision, recall and F1, over the true pairs of the set. */
    public record Ceiling(double precision, double recall, double f1) {
    }

    private LinkageCeiling() {
    }

    /** The best F1 over the given candidate pairs ({@code (i << 32) | j}); true pairs not among them count as missed. */
    public static Ceiling over(LinkRecord[] records, String[] truth, long[] candidates) {
        Map<String, Integer> sounds = soundCounts(records);
        Map<Long, double[]> counts = new HashMap<>();
        for (long c : candidates) {
            int i = (int) (c >>> 32);
            int j = (int) c;
            counts.computeIfAbsent(key(records[i], records[j], sounds), k -> new double[2])[
                    truth[i].equals(truth[j]) ? 0 : 1]++;
        }
        return best(counts, truePairs(truth));
    }

    /**
     * The best F1 over all pairs: every true pair is compared, the non-matching pairs are estimated from
     * {@code sample} random pairs (seeded), each standing for its share of all non-matching pairs.
     */
    public static Ceiling overAll(LinkRecord[] records, String[] truth, int sample, long seed) {
        Map<String, Integer> sounds = soundCounts(records);
        return overAll(truth, (i, j) -> key(records[i], records[j], sounds), sample, seed);
    }

    /** A pair's description (records {@code i < j}): pairs with the same description are decided together. */
    @FunctionalInterface
    public interface PairKey {
        long of(int i, int j);
    }

    /** {@link #overAll(LinkRecord[], String[], int, long)} for any description of the pairs of records 0..n-1. */
    public static Ceiling overAll(String[] truth, PairKey key, int sample, long seed) {
        Map<Long, double[]> counts = new HashMap<>();
        Map<String, List<Integer>> people = new HashMap<>();
        for (int i = 0; i < truth.length; i++) {
            people.computeIfAbsent(truth[i], k -> new ArrayList<>()).add(i);
        }
        long matches = 0;
        for (List<Integer> person : people.values()) {
            for (int x = 0; x < person.size(); x++) {
                for (int y = x + 1; y < person.size(); y++) {
                    counts.computeIfAbsent(key.of(person.get(x), person.get(y)), k -> new double[2])[0]++;
                    matches++;
                }
            }
        }
        long n = truth.length;
        double nonMatches = n * (n - 1) / 2.0 - matches;
        Map<Long, double[]> sampled = new HashMap<>();
        SplittableRandom random = new SplittableRandom(seed);
        long drawn = 0;
        for (int s = 0; s < sample && n > 1; s++) {
            int i = random.nextInt(truth.length);
            int j = random.nextInt(truth.length);
            if (i == j || truth[i].equals(truth[j])) {
                continue;
            }
            sampled.computeIfAbsent(key.of(Math.min(i, j), Math.max(i, j)), k -> new double[1])[0]++;
            drawn++;
        }
        double scale = drawn == 0 ? 0 : nonMatches / drawn;
        sampled.forEach((k, v) -> counts.computeIfAbsent(k, x -> new double[2])[1] += v[0] * scale);
        return best(counts, matches);
    }

    /** The best F1 over every pair of records 0..n-1, each described by {@code key} (no sampling). */
    public static Ceiling overEvery(String[] truth, PairKey key) {
        Map<Long, double[]> counts = new HashMap<>();
        long matches = 0;
        for (int i = 0; i < truth.length; i++) {
            for (int j = i + 1; j < truth.length; j++) {
                boolean match = truth[i].equals(truth[j]);
                matches += match ? 1 : 0;
                counts.computeIfAbsent(key.of(i, j), k -> new double[2])[match ? 0 : 1]++;
            }
        }
        return best(counts, matches);
    }

    /**
     * The best cut of a table of patterns ({matches, non-matches} each): patterns by decreasing share of matches
     * (non-matches smoothed by a half, so that a pattern seen once among strangers is not ranked as certain), accepted
     * from the top; the cut of best F1 is kept.
     */
    static Ceiling best(Map<Long, double[]> counts, long truePairs) {
        List<double[]> patterns = new ArrayList<>(counts.values());
        patterns.sort((p, q) -> Double.compare(q[0] / (q[1] + 0.5), p[0] / (p[1] + 0.5)));
        double tp = 0;
        double fp = 0;
        Ceiling best = new Ceiling(Double.NaN, 0, 0);
        for (double[] p : patterns) {
            tp += p[0];
            fp += p[1];
            double precision = tp / (tp + fp);
            double recall = truePairs == 0 ? 0 : tp / truePairs;
            double f1 = tp == 0 ? 0 : 2 * precision * recall / (precision + recall);
            if (f1 > best.f1()) {
                best = new Ceiling(precision, recall, f1);
            }
        }
        return best;
    }

    /** The pair's comparison pattern and how common the commoner of its two names' sounds is (5 buckets). */
    static long key(LinkRecord a, LinkRecord b, Map<String, Integer> sounds) {
        int common = Math.max(count(sounds, a), count(sounds, b));
        int bucket = common <= 1 ? 0 : common <= 3 ? 1 : common <= 10 ? 2 : common <= 30 ? 3 : 4;
        return Integer.toUnsignedLong(Comparison.pattern(a, b)) << 3 | bucket;
    }

    private static Map<String, Integer> soundCounts(LinkRecord[] records) {
        Map<String, Integer> sounds = new HashMap<>();
        for (LinkRecord r : records) {
            if (r.namePhonetic() != null && !r.namePhonetic().isEmpty()) {
                sounds.merge(r.namePhonetic(), 1, Integer::sum);
            }
        }
        return sounds;
    }

    private static int count(Map<String, Integer> sounds, LinkRecord r) {
        return r.namePhonetic() == null ? 0 : sounds.getOrDefault(r.namePhonetic(), 0);
    }

    private static long truePairs(String[] truth) {
        Map<String, Long> sizes = new HashMap<>();
        for (String t : truth) {
            sizes.merge(t, 1L, Long::sum);
        }
        long pairs = 0;
        for (long s : sizes.values()) {
            pairs += s * (s - 1) / 2;
        }
        return pairs;
    }
}
