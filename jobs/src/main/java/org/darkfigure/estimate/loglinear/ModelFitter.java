package org.darkfigure.estimate.loglinear;

import java.util.EnumSet;
import java.util.Set;
import org.darkfigure.estimate.CaptureHistory;
import org.darkfigure.estimate.EstimateStatus;

/**
 * Fits a {@link CaptureModel} to a table the way Rcapture's closedp.fitone does: one Poisson GLM
 * with the intercept first; for Chao's lower-bound models, while any heterogeneity coefficient is
 * negative, the first negative one is dropped and the model refitted (Rcapture's Chao.neg; the
 * warnings of every fit count); then the total, standard error, fit statistics, asymptotic bias and flags.
 */
public final class ModelFitter {

    private ModelFitter() {
    }

    /** The result of fitting columns to a response: the final GLM and which of the columns it kept. */
    record Fitted(PoissonGlm.Fit glm, int[] kept, Set<PoissonGlm.Warning> warnings, PoissonGlm.Design design) {
    }

    public static ModelFit fit(CaptureModel model, CaptureHistory history) {
        if (history.k() != model.k()) {
            throw new IllegalArgumentException("model " + model.name() + " is for " + model.k() + " lists, the table has "
                    + history.k());
        }
        long n = history.observed();
        int cells = history.cells() - 1;
        double[][] columns = model.columns();
        if (columns[0].length + 1 > cells) {
            return ModelFit.failed(model, n, EstimateStatus.NOT_IDENTIFIABLE, "The model has " + (columns[0].length + 1)
                    + " parameters but the table only " + cells + " observable cells.");
        }
        Problem problem = problem(model, history);
        Fitted fitted = fitColumns(problem.design(), problem.counts(), model.chaoNca());
        PoissonGlm.Fit glm = fitted.glm();
        if (!glm.usable()) {
            return ModelFit.failed(model, n, EstimateStatus.NOT_IDENTIFIABLE,
                    "The model's parameters are not all identifiable from this table (its design is not of full rank).");
        }
        double[] totalSe = model.totalAndStderr(n, glm.coefficients(), glm.covariance(), fitted.kept());
        // Terms fixed at minus infinity still count as parameters (MultipleSystemsEstimation's BIC).
        int rank = glm.coefficients().length + problem.sparseTerms();
        double aic = -2 * glm.logLikelihood() + 2 * rank;
        double bic = aic + (Math.log(n) - 2) * rank;
        double bias = bias(fitted.design(), glm);
        Set<ModelFit.Flag> flags = EnumSet.noneOf(ModelFit.Flag.class);
        for (PoissonGlm.Warning w : fitted.warnings()) {
            switch (w) {
                case DID_NOT_CONVERGE -> flags.add(ModelFit.Flag.DID_NOT_CONVERGE);
                case FITTED_RATES_NUMERICALLY_ZERO -> flags.add(ModelFit.Flag.FITTED_RATES_ZERO);
                case STEP_TRUNCATED -> flags.add(ModelFit.Flag.STEP_TRUNCATED);
                case NOT_FULL_RANK -> { }
            }
        }
        if (!Double.isNaN(bias) && Math.abs(bias) > 0.1 * totalSe[0]) { // Rcapture: 0.1 * N, not |N|
            flags.add(ModelFit.Flag.LARGE_BIAS);
        }
        EstimateStatus status = Double.isFinite(totalSe[0]) && totalSe[0] >= n ? EstimateStatus.OK
                : EstimateStatus.IMPLAUSIBLE;
        String message = status == EstimateStatus.OK ? null
                : "The model gives a total (" + totalSe[0] + ") below the " + n + " people observed.";
        double[] fittedByPattern = new double[cells + 1];
        for (int i = 0; i < problem.patterns().length; i++) {
            fittedByPattern[problem.patterns()[i]] = glm.fitted()[i];
        }
        fittedByPattern[0] = Math.exp(glm.coefficients()[0]);
        return new ModelFit(model, n, glm, totalSe[0], totalSe[1], glm.deviance(), cells - rank, aic, bic, bias, flags,
                status, message, fittedByPattern);
    }

    /**
     * The Poisson problem a model poses for a table: [1 | columns] over the observable cells and their
     * counts. For a hierarchical model, terms nobody is on are set to minus infinity: they and their
     * cells leave the problem ({@link SparseTerms}). {@code augmented} adds the unobserved cell (all
     * columns 0, count 0) for profile likelihoods.
     */
    record Problem(double[][] design, double[] counts, int sparseTerms, int[] patterns) {
    }

    static Problem problem(CaptureModel model, CaptureHistory history) {
        if (model instanceof LogLinearModel m) {
            SparseTerms.Reduced r = SparseTerms.reduce(m, history);
            if (r.sparse() > 0) {
                return new Problem(r.design(), r.counts(), r.sparse(), r.cells());
            }
        }
        int cells = history.cells() - 1;
        double[] y = new double[cells];
        int[] patterns = new int[cells];
        for (int p = 1; p <= cells; p++) {
            y[p - 1] = history.count(p);
            patterns[p - 1] = p;
        }
        return new Problem(withIntercept(model.columns(), false), y, 0, patterns);
    }

    static Problem augmented(CaptureModel model, CaptureHistory history) {
        Problem p = problem(model, history);
        double[][] x = java.util.Arrays.copyOf(p.design(), p.design().length + 1);
        x[x.length - 1] = new double[p.design()[0].length];
        x[x.length - 1][0] = 1;
        int[] patterns = java.util.Arrays.copyOf(p.patterns(), p.patterns().length + 1);
        return new Problem(x, java.util.Arrays.copyOf(p.counts(), p.counts().length + 1), p.sparseTerms(), patterns);
    }

    /** [1 | columns], with an extra all-zero row (the unobserved cell) when {@code augmented}. */
    static double[][] withIntercept(double[][] columns, boolean augmented) {
        int rows = columns.length + (augmented ? 1 : 0);
        int q = columns[0].length;
        double[][] x = new double[rows][q + 1];
        for (int i = 0; i < rows; i++) {
            x[i][0] = 1;
            if (i < columns.length) {
                System.arraycopy(columns[i], 0, x[i], 1, q);
            }
        }
        return x;
    }

    /** Fits [intercept | columns] to y, applying Chao's negative-eta rule when {@code nca > 0}. */
    static Fitted fitColumns(double[][] x, double[] y, int nca) {
        int[] kept = new int[x[0].length];
        for (int j = 0; j < kept.length; j++) {
            kept[j] = j;
        }
        PoissonGlm.Design design = PoissonGlm.Design.of(x);
        PoissonGlm.Fit fit = PoissonGlm.fit(design, y, null);
        Set<PoissonGlm.Warning> warnings = EnumSet.noneOf(PoissonGlm.Warning.class);
        warnings.addAll(fit.warnings());
        while (nca > 0 && fit.usable()) {
            int drop = -1;
            for (int j = nca; j < kept.length; j++) {
                if (fit.coefficients()[j] < 0) {
                    drop = j;
                    break;
                }
            }
            if (drop < 0) {
                break;
            }
            int[] next = new int[kept.length - 1];
            for (int j = 0, at = 0; j < kept.length; j++) {
                if (j != drop) {
                    next[at++] = kept[j];
                }
            }
            kept = next;
            design = PoissonGlm.Design.of(select(x, kept));
            fit = PoissonGlm.fit(design, y, null);
            warnings.addAll(fit.warnings());
        }
        return new Fitted(fit, kept, warnings, design);
    }

    private static double[][] select(double[][] x, int[] columns) {
        double[][] out = new double[x.length][columns.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < columns.length; j++) {
                out[i][j] = x[i][columns[j]];
            }
        }
        return out;
    }

    /**
     * Rcapture's asymptotic bias of the total (closedp.fitone): xi_i = -x_i' V x_i / 2,
     * psi = -2 X' diag(mu) xi - e_1, bias = exp(b0) (-V psi)_1 / 2.
     */
    static double bias(PoissonGlm.Design x, PoissonGlm.Fit fit) {
        double[][] v = fit.covariance();
        int p = v.length;
        double[] psi = new double[p];
        for (int i = 0; i < x.rows(); i++) {
            double[] row = x.row(i);
            double quad = 0;
            for (int a = 0; a < p; a++) {
                if (row[a] == 0) {
                    continue;
                }
                double s = 0;
                for (int b = 0; b < p; b++) {
                    s += v[a][b] * row[b];
                }
                quad += row[a] * s;
            }
            double xi = -0.5 * quad;
            for (int a = 0; a < p; a++) {
                psi[a] += -2 * row[a] * fit.fitted()[i] * xi;
            }
        }
        psi[0] -= 1;
        double vec1 = 0;
        for (int b = 0; b < p; b++) {
            vec1 -= v[0][b] * psi[b];
        }
        return 0.5 * Math.exp(fit.coefficients()[0]) * vec1;
    }
}
