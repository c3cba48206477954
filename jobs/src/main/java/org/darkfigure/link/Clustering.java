package org.darkfigure.link;

import java.util.Arrays;

/**
 * People from scored pairs (issue 16). The accepted pairs (match probability at or above the threshold) are taken
 * from the most probable down, and the two groups a pair would join are joined only if the evidence of all the
 * compared pairs across them, summed as log-odds, still says "one person". Plain connected components let one
 * doubtful link chain two namesakes' groups together, and every pair across them then counts as linked (on a noisy
 * five-agency population, six wrong pairs came from chaining for every wrong link made directly); a veto by any one
 * unlikely pair would instead split people whose records differ a lot but are tied by others (FEBRL 3's heavily
 * corrupted duplicates). The sum weighs both, as correlation clustering does. One source's two records of one
 * incident are never one person (log-odds {@link #NEVER}).
 */
public final class Clustering {

    /** Log-odds of a pair that can never be one person. */
    public static final double NEVER = -1000;
    /** Each pair's log-odds count at most this much either way (one pair should not outweigh all others). */
    static final double CLAMP = 30;
    /** Below this match probability a pair is kept only as evidence against joining groups. */
    public static final double UNLIKELY = 0.01;

    private Clustering() {
    }

    /**
     * @param n         records 0..n-1
     * @param a         first record of each compared pair
     * @param b         second record of each compared pair
     * @param odds      each pair's log2 posterior odds of being one person ({@link #NEVER}: never)
     * @param threshold pairs with a match probability at or above it may join their groups
     */
    public static UnionFind of(int n, int[] a, int[] b, double[] odds, double threshold) {
        UnionFind groups = new UnionFind(n);
        double accept = Math.log(threshold / (1 - threshold)) / Math.log(2);
        int accepted = 0;
        for (double o : odds) {
            accepted += o >= accept && o > NEVER ? 1 : 0;
        }
        if (accepted == 0) {
            return groups;
        }
        // accepted pairs by decreasing odds, ties in input order (deterministic)
        Integer[] order = new Integer[accepted];
        int k = 0;
        for (int i = 0; i < odds.length; i++) {
            if (odds[i] >= accept && odds[i] > NEVER) {
                order[k++] = i;
            }
        }
        Arrays.sort(order, (x, y) -> odds[x] != odds[y] ? Double.compare(odds[y], odds[x]) : Integer.compare(x, y));
        int[][] adjacent = adjacency(n, a, b);
        int[] next = new int[n]; // each group's members as a circular list
        int[] size = new int[n];
        for (int x = 0; x < n; x++) {
            next[x] = x;
            size[x] = 1;
        }
        for (int i : order) {
            int ra = groups.find(a[i]);
            int rb = groups.find(b[i]);
            if (ra == rb) {
                continue;
            }
            int from = size[ra] <= size[rb] ? ra : rb;
            int to = from == ra ? rb : ra;
            if (across(groups, adjacent, a, b, odds, next, from, to) <= 0) {
                continue;
            }
            groups.union(ra, rb);
            int root = groups.find(ra);
            // splice the two circular member lists
            int t = next[ra];
            next[ra] = next[rb];
            next[rb] = t;
            size[root] = size[ra] + size[rb];
        }
        return groups;
    }

    /** The summed log-odds of the compared pairs between group {@code from} and group {@code to}. */
    private static double across(UnionFind groups, int[][] adjacent, int[] a, int[] b, double[] odds, int[] next,
                                 int from, int to) {
        double sum = 0;
        int x = from;
        do {
            if (adjacent[x] != null) {
                for (int p : adjacent[x]) {
                    int y = a[p] == x ? b[p] : a[p];
                    if (groups.find(y) == to) {
                        if (odds[p] <= NEVER) {
                            return Double.NEGATIVE_INFINITY;
                        }
                        sum += Math.max(-CLAMP, Math.min(CLAMP, odds[p]));
                    }
                }
            }
            x = next[x];
        } while (x != from);
        return sum;
    }

    /** Each record's pairs (indices into a, b), null for none. */
    private static int[][] adjacency(int n, int[] a, int[] b) {
        int[] degree = new int[n];
        for (int i = 0; i < a.length; i++) {
            degree[a[i]]++;
            degree[b[i]]++;
        }
        int[][] out = new int[n][];
        for (int x = 0; x < n; x++) {
            if (degree[x] > 0) {
                out[x] = new int[degree[x]];
                degree[x] = 0;
            }
        }
        for (int i = 0; i < a.length; i++) {
            out[a[i]][degree[a[i]]++] = i;
            out[b[i]][degree[b[i]]++] = i;
        }
        return out;
    }
}
