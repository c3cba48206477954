package org.darkfigure.estimate.loglinear;

import java.util.ArrayList;
import java.util.List;
import org.darkfigure.estimate.CaptureHistory;

/**
 * Interaction terms nobody is on (zero sufficient statistic) have an extended MLE of minus infinity:
 * as SparseMSE and MultipleSystemsEstimation do, such a term leaves the design and every cell
 * containing it leaves the fit (those cells are zero and are fitted as zero).
 */
public final class SparseTerms {

    private SparseTerms() {
    }

    /** The design and counts left after removing sparse terms, with which cells and terms remain. */
    public record Reduced(double[][] design, double[] counts, int[] cells, int[] terms, int sparse) {
    }

    public static Reduced reduce(LogLinearModel model, CaptureHistory history) {
        int k = model.k();
        int[] terms = model.terms();
        List<Integer> sparse = new ArrayList<>();
        List<Integer> kept = new ArrayList<>();
        for (int t : terms) {
            long overlap = 0;
            for (int p = 1; p < history.cells(); p++) {
                if ((p & t) == t) {
                    overlap += history.count(p);
                }
            }
            if (overlap == 0) {
                sparse.add(t);
            } else {
                kept.add(t);
            }
        }
        List<Integer> cells = new ArrayList<>();
        for (int p = 1; p < history.cells(); p++) {
            final int pattern = p;
            if (sparse.stream().noneMatch(t -> (pattern & t) == t)) {
                cells.add(p);
            }
        }
        double[][] x = new double[cells.size()][1 + k + kept.size()];
        double[] y = new double[cells.size()];
        for (int i = 0; i < cells.size(); i++) {
            int p = cells.get(i);
            x[i][0] = 1;
            for (int list = 0; list < k; list++) {
                x[i][1 + list] = (p & (1 << list)) != 0 ? 1 : 0;
            }
            for (int j = 0; j < kept.size(); j++) {
                int t = kept.get(j);
                x[i][1 + k + j] = (p & t) == t ? 1 : 0;
            }
            y[i] = history.count(p);
        }
        return new Reduced(x, y, cells.stream().mapToInt(Integer::intValue).toArray(),
                kept.stream().mapToInt(Integer::intValue).toArray(), sparse.size());
    }
}
