package org.darkfigure.estimate.loglinear;

import java.util.ArrayList;
import java.util.Collection;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.darkfigure.estimate.CaptureHistory;

/**
 * Whether a hierarchical model's (extended) maximum-likelihood estimate exists and is identifiable
 * for a table: the check of Fienberg &amp; Rinaldo (2012) as SparseMSE's checkident and
 * MultipleSystemsEstimation implement it. Terms nobody is on are set to minus infinity (their cells
 * leave the fit); on what remains, a linear program finds the largest minimum cell value s* of any
 * non-negative table with the same sufficient statistics: s* = 0 means the statistics lie on the
 * boundary of the marginal cone and the MLE does not exist. The design's rank decides identifiability.
 */
public final class ExistenceCheck {

    private ExistenceCheck() {
    }

    /** SparseMSE's codes: 0 OK, 1 the MLE does not exist, 2 not identifiable, 3 both. */
    public enum Outcome {
        OK(0, "ok"), MLE_DOES_NOT_EXIST(1, "MLE does not exist"), NOT_IDENTIFIABLE(2, "not identifiable"),
        BOTH(3, "MLE does not exist and not identifiable");

        private final int code;
        private final String description;

        Outcome(int code, String description) {
            this.code = code;
            this.description = description;
        }

        public int code() {
            return code;
        }

        public String description() {
            return description;
        }

        static Outcome of(boolean noMle, boolean rankDeficient) {
            return values()[(noMle ? 1 : 0) + (rankDeficient ? 2 : 0)];
        }
    }

    /**
     * The check for a model already fitted, skipping the linear program where the fit settles it. If
     * the MLE exists, Newton's method converges quadratically and further iterations leave the
     * coefficients where they are; if it does not, some coefficients run off by about one unit per
     * iteration for ever. So the fit is continued to 60 iterations: coefficients that moved by less than
     * 1e-4 mean the MLE exists, coefficients that moved by more than 10 mean it does not, and anything
     * between goes to the linear program, which is exact. A fit without zero cells needs neither.
     */
    public static Outcome check(ModelFit fit, CaptureHistory history) {
        if (!(fit.model() instanceof LogLinearModel model)) {
            throw new IllegalArgumentException("the existence check is for hierarchical log-linear models: " + fit.name());
        }
        if (fit.glm() == null || !fit.glm().converged()) {
            return check(model, history);
        }
        SparseTerms.Reduced reduced = SparseTerms.reduce(model, history);
        if (smallestZeroCell(reduced, fit.glm().fitted()) > 1e-4) {
            return Outcome.OK;
        }
        PoissonGlm.Fit longer = PoissonGlm.fit(PoissonGlm.Design.of(reduced.design()), reduced.counts(), null, 60, 0);
        if (!longer.usable()) {
            return check(model, history);
        }
        double moved = 0;
        for (int j = 0; j < longer.coefficients().length; j++) {
            moved = Math.max(moved, Math.abs(longer.coefficients()[j] - fit.glm().coefficients()[j]));
        }
        if (moved < 1e-4) {
            return Outcome.OK;
        }
        if (moved > 10) {
            return Outcome.of(true, rank(reduced.design()) < reduced.design()[0].length);
        }
        return check(model, history);
    }

    private static double smallestZeroCell(SparseTerms.Reduced reduced, double[] fitted) {
        double smallest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < reduced.counts().length; i++) {
            if (reduced.counts()[i] == 0) {
                smallest = Math.min(smallest, fitted[i]);
            }
        }
        return smallest;
    }

    public static Outcome check(LogLinearModel model, CaptureHistory history) {
        SparseTerms.Reduced reduced = SparseTerms.reduce(model, history);
        double[][] x = reduced.design();
        double[] y = reduced.counts();
        boolean rankDeficient = rank(x) < x[0].length;
        return Outcome.of(maxMinimumCell(x, y) <= 1e-9, rankDeficient);
    }

    /** max s subject to X'z = X'y, z_i >= s, z >= 0, s >= 0 (the LP of SparseMSE's checkident). */
    public static double maxMinimumCell(double[][] x, double[] y) {
        int cells = x.length;
        int params = x[0].length;
        double min = Double.POSITIVE_INFINITY;
        for (double v : y) {
            min = Math.min(min, v);
        }
        if (min > 0) {
            return min; // the table itself is interior
        }
        Collection<LinearConstraint> constraints = new ArrayList<>();
        for (int j = 0; j < params; j++) {
            double[] row = new double[cells + 1];
            double t = 0;
            for (int i = 0; i < cells; i++) {
                row[i] = x[i][j];
                t += x[i][j] * y[i];
            }
            constraints.add(new LinearConstraint(row, Relationship.EQ, t));
        }
        for (int i = 0; i < cells; i++) {
            double[] row = new double[cells + 1];
            row[i] = 1;
            row[cells] = -1;
            constraints.add(new LinearConstraint(row, Relationship.GEQ, 0));
        }
        double[] objective = new double[cells + 1];
        objective[cells] = 1;
        PointValuePair solution = new SimplexSolver(1e-9, 10, 1e-12).optimize(new MaxIter(100_000),
                new LinearObjectiveFunction(objective, 0), new LinearConstraintSet(constraints), GoalType.MAXIMIZE,
                new NonNegativeConstraint(true));
        return solution.getValue();
    }

    /** Numerical rank by Gaussian elimination with partial pivoting (tolerance 1e-7 of the largest entry, as R's qr). */
    static int rank(double[][] x) {
        int rows = x.length;
        int cols = x[0].length;
        double[][] a = new double[rows][];
        double scale = 0;
        for (int i = 0; i < rows; i++) {
            a[i] = x[i].clone();
            for (double v : a[i]) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        double tol = 1e-7 * Math.max(scale, 1);
        int rank = 0;
        for (int c = 0; c < cols && rank < rows; c++) {
            int pivot = rank;
            for (int r = rank + 1; r < rows; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
                    pivot = r;
                }
            }
            if (Math.abs(a[pivot][c]) <= tol) {
                continue;
            }
            double[] t = a[pivot];
            a[pivot] = a[rank];
            a[rank] = t;
            for (int r = rank + 1; r < rows; r++) {
                double f = a[r][c] / a[rank][c];
                if (f != 0) {
                    for (int k = c; k < cols; k++) {
                        a[r][k] -= f * a[rank][k];
                    }
                }
            }
            rank++;
        }
        return rank;
    }
}
