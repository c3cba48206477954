package org.darkfigure.estimate.pooled;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.darkfigure.estimate.CaptureHistory;
import org.darkfigure.estimate.Estimate;
import org.darkfigure.estimate.EstimateStatus;
import org.darkfigure.estimate.FitDiagnostics;
import org.darkfigure.estimate.Interval;
import org.darkfigure.estimate.IntervalMethod;
import org.darkfigure.estimate.StandardNormal;
import org.darkfigure.estimate.loglinear.LogLinearModel;
import org.darkfigure.estimate.loglinear.PoissonGlm;

/**
 * A country's years estimated together (issue 15, part 3): one Poisson log-linear model of the years' stacked
 * tables with year as a stratifying covariate, the approach of UNODC's multiple systems estimation studies. Each
 * year keeps its own size and its own catch rate per list (an intercept and main effects per year); the
 * dependence between lists (every pair, as the published default) is shared across the years. A series estimated
 * this way cannot jump because a model was chosen afresh in one year, and thin years borrow the dependence
 * structure from the others.
 *
 * <p>Each year's total is n_y + exp(a_y) with a_y its intercept; the standard error by the delta method
 * (sqrt(f0 + f0^2 var(a_y)), as for one table) and Chao's log-normal interval on the unseen count.
 */
public final class YearsTogether {

    private YearsTogether() {
    }

    /** The years' estimates from the joint model, and the joint fit's diagnostics. */
    public record Result(List<String> years, List<Estimate> estimates, FitDiagnostics diagnostics) {

        public Result {
            years = List.copyOf(years);
            estimates = List.copyOf(estimates);
        }
    }

    /**
     * Fits the joint model to the years' tables (same lists in the same order). A list that recorded nobody in
     * some year cannot have that year's catch rate estimated: refused with the list and the year named.
     */
    public static Result fit(List<String> years, List<CaptureHistory> tables, double level) {
        if (years.size() != tables.size() || tables.size() < 2) {
            throw new IllegalArgumentException("give two or more years, one table each");
        }
        CaptureHistory first = tables.get(0);
        int k = first.k();
        if (k < 3) {
            throw new IllegalArgumentException("the years-together model needs three or more lists: the tables have " + k);
        }
        for (int y = 0; y < tables.size(); y++) {
            if (!tables.get(y).lists().equals(first.lists())) {
                throw new IllegalArgumentException("year " + years.get(y) + " has lists " + tables.get(y).lists()
                        + ", year " + years.get(0) + " has " + first.lists() + ": the years must have the same lists");
            }
            for (int j = 0; j < k; j++) {
                if (tables.get(y).listSize(j) == 0) {
                    throw new IllegalArgumentException("list " + first.lists().get(j) + " recorded nobody in "
                            + years.get(y) + ": its catch rate that year cannot be estimated; estimate the years separately");
                }
            }
        }
        int cells = (1 << k) - 1;
        int pairs = k * (k - 1) / 2;
        int perYear = 1 + k;
        int columns = tables.size() * perYear + pairs;
        int rows = tables.size() * cells;
        double[][] x = new double[rows][columns];
        double[] counts = new double[rows];
        for (int y = 0; y < tables.size(); y++) {
            for (int p = 1; p <= cells; p++) {
                int row = y * cells + p - 1;
                counts[row] = tables.get(y).count(p);
                x[row][y * perYear] = 1;
                for (int j = 0; j < k; j++) {
                    x[row][y * perYear + 1 + j] = (p >> j & 1);
                }
                int at = tables.size() * perYear;
                for (int i = 0; i < k; i++) {
                    for (int j = i + 1; j < k; j++) {
                        x[row][at++] = (p >> i & 1) * (p >> j & 1);
                    }
                }
            }
        }
        PoissonGlm.Fit fit = PoissonGlm.fit(x, counts);
        List<Estimate> out = new ArrayList<>();
        FitDiagnostics diagnostics = null;
        if (!fit.usable()) {
            for (int y = 0; y < tables.size(); y++) {
                out.add(Estimate.failed("years-together", LogLinearModel.allTwoWay(k).name(), tables.get(y).observed(),
                        EstimateStatus.MLE_DOES_NOT_EXIST, "The joint model of the years could not be fitted.", level));
            }
            return new Result(years, out, null);
        }
        int df = rows - columns;
        double deviance = fit.deviance();
        double loglik = PoissonGlm.logLikelihood(counts, fit.fitted());
        diagnostics = new FitDiagnostics(deviance, df, -2 * loglik + 2 * columns, -2 * loglik + Math.log(rows) * columns,
                columns);
        double z = StandardNormal.quantile(0.5 + level / 2);
        for (int y = 0; y < tables.size(); y++) {
            int a = y * perYear;
            double f0 = Math.exp(fit.coefficients()[a]);
            double variance = fit.covariance()[a][a];
            long n = tables.get(y).observed();
            double se = Math.sqrt(f0 + f0 * f0 * variance);
            double c = Math.exp(z * Math.sqrt(Math.log(1 + se * se / (f0 * f0))));
            List<String> warnings = new ArrayList<>();
            if (diagnostics.pValue() < 0.05) {
                warnings.add(String.format(Locale.ROOT, "The joint model fits the years' tables poorly (deviance %.1f on %d "
                        + "df, p = %.3g): the dependence between lists may differ between years.", deviance, df,
                        diagnostics.pValue()));
            }
            out.add(new Estimate("years-together", LogLinearModel.allTwoWay(k).name() + " with year-specific intercepts and main effects", n, n + f0,
                    se, new Interval(n + f0 / c, n + f0 * c, level, IntervalMethod.LOG_NORMAL), EstimateStatus.OK,
                    warnings, diagnostics));
        }
        return new Result(years, out, diagnostics);
    }
}
