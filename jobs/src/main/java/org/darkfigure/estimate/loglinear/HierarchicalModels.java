package org.darkfigure.estimate.loglinear;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Every hierarchical log-linear model of K lists with interactions up to a maximum order: the
 * families of interaction terms closed under taking sub-terms. For six lists and pairwise terms that
 * is every graph on six vertices, 2^15 = 32,768 models.
 */
public final class HierarchicalModels {

    private HierarchicalModels() {
    }

    /** The candidate interaction terms of order 2..maxOrder, by size then mask. */
    static int[] candidateTerms(int k, int maxOrder) {
        List<Integer> terms = new ArrayList<>();
        for (int size = 2; size <= Math.min(maxOrder, k - 1); size++) {
            for (int mask = 1; mask < 1 << k; mask++) {
                if (Integer.bitCount(mask) == size) {
                    terms.add(mask);
                }
            }
        }
        return terms.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Calls {@code visit} with every hierarchical model up to {@code maxOrder} (the independence model first). */
    public static void forEach(int k, int maxOrder, Consumer<LogLinearModel> visit) {
        if (maxOrder < 1) {
            throw new IllegalArgumentException("maxOrder must be at least 1: " + maxOrder);
        }
        int[] terms = candidateTerms(k, maxOrder);
        boolean[] included = new boolean[1 << k];
        List<Integer> chosen = new ArrayList<>();
        walk(k, terms, 0, included, chosen, visit);
    }

    public static List<LogLinearModel> all(int k, int maxOrder) {
        List<LogLinearModel> out = new ArrayList<>();
        forEach(k, maxOrder, out::add);
        return out;
    }

    /** The number of models, counting no further than {@code limit} + 1 (to decide cheaply whether to enumerate). */
    public static long countAtMost(int k, int maxOrder, long limit) {
        int[] terms = candidateTerms(k, maxOrder);
        if (maxOrder <= 2 && terms.length < 62) {
            return 1L << terms.length; // every graph is hierarchical
        }
        long[] n = new long[1];
        try {
            forEach(k, maxOrder, m -> {
                if (++n[0] > limit) {
                    throw new LimitReached();
                }
            });
        } catch (LimitReached e) {
            return limit + 1;
        }
        return n[0];
    }

    private static final class LimitReached extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LimitReached() {
            super(null, null, false, false);
        }
    }

    public static long count(int k, int maxOrder) {
        long[] n = new long[1];
        forEach(k, maxOrder, m -> n[0]++);
        return n[0];
    }

    private static void walk(int k, int[] terms, int next, boolean[] included, List<Integer> chosen,
                             Consumer<LogLinearModel> visit) {
        if (next == terms.length) {
            visit.accept(LogLinearModel.of(k, chosen));
            return;
        }
        int term = terms[next];
        walk(k, terms, next + 1, included, chosen, visit);
        if (allSubtermsIncluded(term, included)) {
            included[term] = true;
            chosen.add(term);
            walk(k, terms, next + 1, included, chosen, visit);
            chosen.remove(chosen.size() - 1);
            included[term] = false;
        }
    }

    /** A term may join only if every sub-term one list smaller (of size two or more) is in. */
    private static boolean allSubtermsIncluded(int term, boolean[] included) {
        if (Integer.bitCount(term) <= 2) {
            return true;
        }
        for (int bit = term; bit != 0; bit &= bit - 1) {
            int sub = term & ~Integer.lowestOneBit(bit);
            if (!included[sub]) {
                return false;
            }
        }
        return true;
    }
}
