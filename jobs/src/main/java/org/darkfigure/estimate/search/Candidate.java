package org.darkfigure.estimate.search;

import java.util.List;
import org.darkfigure.estimate.Estimate;
import org.darkfigure.estimate.EstimateStatus;
import org.darkfigure.estimate.FitDiagnostics;
import org.darkfigure.estimate.Interval;
import org.darkfigure.estimate.loglinear.ModelFit;

/**
 * One model a search or comparison considered, with the numbers it is ranked by. {@code rank} is its place
 * (1 = best) in the search that chose the estimate, 0 for a model shown only for comparison. Bayesian comparison
 * candidates (dga, LCMCR) also carry their posterior interval and, for dga, the heaviest models' posterior
 * probabilities; for the others {@code interval} is null and {@code weights} empty.
 */
public record Candidate(String model, double total, double stderr, double deviance, int df, double aic, double bic,
                        EstimateStatus status, String note, int rank, Interval interval, List<ModelWeight> weights) {

    /** A model inside a model-averaging candidate, with its posterior probability. */
    public record ModelWeight(String model, double probability) {
    }

    public Candidate {
        weights = weights == null ? List.of() : List.copyOf(weights);
    }

    public Candidate(String model, double total, double stderr, double deviance, int df, double aic, double bic,
                     EstimateStatus status, String note, int rank) {
        this(model, total, stderr, deviance, df, aic, bic, status, note, rank, null, List.of());
    }

    public Candidate withRank(int place) {
        return new Candidate(model, total, stderr, deviance, df, aic, bic, status, note, place, interval, weights);
    }

    public static Candidate of(ModelFit fit) {
        String note = fit.ok() ? (fit.flags().isEmpty() ? null : String.join(" ", fit.warnings())) : fit.problem();
        return new Candidate(fit.name(), fit.total(), fit.stderr(), fit.deviance(), fit.df(), fit.aic(), fit.bic(),
                fit.status(), note, 0);
    }

    public static Candidate of(Estimate e) {
        FitDiagnostics d = e.diagnostics();
        return new Candidate(e.model(), e.total(), e.stderr(), d == null ? Double.NaN : d.deviance(),
                d == null ? -1 : d.df(), d == null ? Double.NaN : d.aic(), d == null ? Double.NaN : d.bic(), e.status(),
                e.warnings().isEmpty() ? null : String.join(" ", e.warnings()), 0);
    }

    public static Candidate skipped(String model, EstimateStatus status, String reason) {
        return new Candidate(model, Double.NaN, Double.NaN, Double.NaN, -1, Double.NaN, Double.NaN, status, reason, 0);
    }
}
