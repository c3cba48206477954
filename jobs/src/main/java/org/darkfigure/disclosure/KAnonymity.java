package org.darkfigure.disclosure;

import java.util.Arrays;
import java.util.List;

/**
 * Chooses how far to coarsen each quasi-identifier so that every combination of their values is shared
 * by at least k records, Datafly-style (Sweeney 2002): while more records sit in classes smaller than k
 * than may be withheld, coarsen by one level the quasi-identifier with the most distinct values. The
 * records still in small classes are then withheld whole (record suppression last, STANDARDS.md 8).
 * Deterministic: ties go to the earlier quasi-identifier.
 */
public final class KAnonymity {

    /** The class sizes of a dataset under any choice of levels; the data may be in memory or in Spark. */
    public interface EquivalenceClasses {

        /** Records in classes of fewer than k records when quasi-identifier i is at levels[i]. */
        long recordsInClassesSmallerThan(int k, int[] levels);

        /** Distinct values of each quasi-identifier i at levels[i] (one pass over the data). */
        long[] distinctValues(int[] levels);
    }

    /** The levels chosen and how many records must then be withheld. */
    public record Plan(int[] levels, long withheld) {
        public Plan {
            levels = levels.clone();
        }

        @Override
        public int[] levels() {
            return levels.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Plan p && Arrays.equals(levels, p.levels) && withheld == p.withheld;
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(levels) + Long.hashCode(withheld);
        }

        @Override
        public String toString() {
            return "Plan" + Arrays.toString(levels) + " withheld " + withheld;
        }
    }

    private KAnonymity() {
    }

    /**
     * @param maxWithheld how many records may be withheld instead of coarsening further
     */
    public static Plan plan(List<Hierarchy> quasiIdentifiers, EquivalenceClasses classes, int k, long maxWithheld) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, not " + k);
        }
        int[] levels = new int[quasiIdentifiers.size()];
        long small = classes.recordsInClassesSmallerThan(k, levels);
        while (small > maxWithheld) {
            int widest = -1;
            long widestDistinct = -1;
            long[] distinct = classes.distinctValues(levels);
            for (int i = 0; i < levels.length; i++) {
                if (levels[i] < quasiIdentifiers.get(i).top() && distinct[i] > widestDistinct) {
                    widest = i;
                    widestDistinct = distinct[i];
                }
            }
            if (widest < 0) {
                break; // everything as coarse as it goes: the rest is withheld
            }
            levels[widest]++;
            small = classes.recordsInClassesSmallerThan(k, levels);
        }
        return new Plan(levels, small);
    }
}
