package org.darkfigure.link;

import java.util.Arrays;

/**
 * People from linked pairs (issue 16): the accepted pairs are joined from the most probable down, and two groups are
 * not joined when a pair across them is confidently two people (a "cannot link": a match probability below
 * {@link #CANNOT}, or one source's records of one incident). Plain connected components let one doubtful link chain
 * two namesakes' groups together, and every pair across them then counts as linked: on a noisy five-agency
 * population six wrong pairs came from chaining for every wrong link made directly.
 */
public final class Clustering {

    /** Below this match probability a compared pair is taken as two people when groups are joined. */
    public static final double CANNOT = 0.01;

    private Clustering() {
    }

    /**
     * @param n           records 0..n-1
     * @param a           first record of each scored pair
     * @param b           second record of each scored pair
     * @param probability each scored pair's match probability
     * @param threshold   pairs at or above it are linked
     * @param cannotA     first record of each cannot-link pair
     * @param cannotB     second record of each cannot-link pair
     */
    public static UnionFind of(int n, int[] a, int[] b, double[] probability, double threshold, int[] cannotA,
                               int[] cannotB) {
        UnionFind groups = new UnionFind(n);
        int accepted = 0;
        for (double p : probability) {
            accepted += p >= threshold ? 1 : 0;
        }
        if (accepted == 0) {
            return groups;
        }
        // accepted pairs by decreasing probability (ties in input order: deterministic)
        long[] order = new long[accepted];
        int k = 0;
        for (int i = 0; i < probability.length; i++) {
            if (probability[i] >= threshold) {
                // sort key: the probability's bits, largest first, then the pair's index
                long bits = Double.doubleToLongBits(probability[i]);
                order[k++] = (Long.MAX_VALUE - bits) & 0xFFFFFFFF00000000L | i;
            }
        }
        Arrays.sort(order);
        int[][] partners = partners(n, cannotA, cannotB);
        int[][] pending = new int[n][];
        int[] pendingSize = new int[n];
        for (int x = 0; x < n; x++) {
            if (partners[x] != null) {
                pending[x] = partners[x];
                pendingSize[x] = partners[x].length;
            }
        }
        for (long key : order) {
            int i = (int) (key & 0xFFFFFFFFL);
            int ra = groups.find(a[i]);
            int rb = groups.find(b[i]);
            if (ra == rb || conflict(groups, pending, pendingSize, ra, rb)) {
                continue;
            }
            groups.union(ra, rb);
            int root = groups.find(ra);
            int other = root == ra ? rb : ra;
            // the joined group's cannot-link partners: both lists (the smaller copied onto the larger)
            int[] kept = pending[root];
            int keptSize = pendingSize[root];
            int[] moved = pending[other];
            int movedSize = pendingSize[other];
            if (movedSize > 0) {
                if (kept == null || keptSize + movedSize > kept.length) {
                    kept = kept == null ? new int[movedSize] : Arrays.copyOf(kept, Math.max(2 * kept.length, keptSize + movedSize));
                }
                System.arraycopy(moved, 0, kept, keptSize, movedSize);
                keptSize += movedSize;
            }
            pending[root] = kept;
            pendingSize[root] = keptSize;
            pending[other] = null;
            pendingSize[other] = 0;
        }
        return groups;
    }

    /** Whether a record of one group cannot be linked to one of the other (the shorter list is searched). */
    private static boolean conflict(UnionFind groups, int[][] pending, int[] size, int ra, int rb) {
        int from = size[ra] <= size[rb] ? ra : rb;
        int to = from == ra ? rb : ra;
        for (int j = 0; j < size[from]; j++) {
            if (groups.find(pending[from][j]) == to) {
                return true;
            }
        }
        return false;
    }

    /** Each record's cannot-link partners (null: none). */
    private static int[][] partners(int n, int[] cannotA, int[] cannotB) {
        int[] degree = new int[n];
        for (int i = 0; i < cannotA.length; i++) {
            degree[cannotA[i]]++;
            degree[cannotB[i]]++;
        }
        int[][] out = new int[n][];
        for (int x = 0; x < n; x++) {
            if (degree[x] > 0) {
                out[x] = new int[degree[x]];
                degree[x] = 0;
            }
        }
        for (int i = 0; i < cannotA.length; i++) {
            out[cannotA[i]][degree[cannotA[i]]++] = cannotB[i];
            out[cannotB[i]][degree[cannotB[i]]++] = cannotA[i];
        }
        return out;
    }
}
