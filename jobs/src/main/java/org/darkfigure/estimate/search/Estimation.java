package org.darkfigure.estimate.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.darkfigure.estimate.CaptureHistory;
import org.darkfigure.estimate.Criterion;
import org.darkfigure.estimate.DesignCheck;
import org.darkfigure.estimate.Estimate;
import org.darkfigure.estimate.EstimateStatus;
import org.darkfigure.estimate.FitDiagnostics;
import org.darkfigure.estimate.Interval;
import org.darkfigure.estimate.IntervalMethod;
import org.darkfigure.estimate.heterogeneity.HeterogeneityModel;
import org.darkfigure.estimate.interval.Bootstrap;
import org.darkfigure.estimate.loglinear.CaptureModel;
import org.darkfigure.estimate.loglinear.ExistenceCheck;
import org.darkfigure.estimate.loglinear.LogLinearModel;
import org.darkfigure.estimate.loglinear.ModelFit;
import org.darkfigure.estimate.loglinear.ModelFitter;
import org.darkfigure.estimate.loglinear.ProfileLikelihood;
import org.darkfigure.estimate.twolist.ChaoLowerBound;
import org.darkfigure.estimate.twolist.TwoListEstimator;

/**
 * The estimation engine's front door, used alike by the {@code estimate} command and the pipeline's
 * strata: estimate a table's total with a named model, or choose one by search, with an honest
 * interval and plain-language warnings whenever the table cannot support the number.
 *
 * <p>Model names: Rcapture's ({@code M0}, {@code Mt}, {@code Mh Chao (LB)}, ... {@code Mbh}),
 * {@code chapman}, {@code lincoln-petersen}, {@code chao-lb} (Chao's moment lower bound), and
 * hierarchical log-linear models by generators ({@code [12][13][4]}). Without a model: Chapman for two
 * lists; otherwise the search over hierarchical log-linear models.
 */
public final class Estimation {

    private Estimation() {
    }

    public static EstimationResult run(CaptureHistory history, EstimationOptions options) {
        int k = history.k();
        List<Candidate> candidates = new ArrayList<>();
        Map<String, Long> setAside = new LinkedHashMap<>();
        if (history.observed() == 0) {
            return new EstimationResult(history, Estimate.failed("none", "none", 0, EstimateStatus.TOO_SPARSE,
                    "Nobody was observed.", options.level()), candidates, setAside, "none", 0);
        }
        if (k < 2) {
            return new EstimationResult(history, Estimate.failed("none", "none", history.observed(),
                    EstimateStatus.NOT_ESTIMABLE, DesignCheck.problem(history).orElseThrow(), options.level()),
                    candidates, setAside, "none", 0);
        }
        Optional<String> design = options.model().isPresent() ? Optional.empty() : DesignCheck.problem(history);
        if (k == 2) {
            for (TwoListEstimator e : TwoListEstimator.values()) {
                candidates.add(Candidate.of(e.fit(history, options.level())));
            }
        }
        Estimate estimate;
        String selection;
        long searched = 0;
        if (options.model().isPresent()) {
            estimate = named(options.model().get(), history, options);
            selection = "named: " + options.model().get();
        } else if (k == 2) {
            estimate = TwoListEstimator.CHAPMAN.fit(history, options.level());
            selection = "two lists: Chapman (1951)";
            if (options.interval() == EstimationOptions.IntervalChoice.BOOTSTRAP) {
                estimate = withBootstrap(estimate, history, options,
                        t -> TwoListEstimator.CHAPMAN.fit(t, options.level()).total());
            }
        } else {
            ModelSearch.Result search = options.search().run(history);
            searched = search.models();
            setAside.putAll(search.setAside());
            for (ModelFit f : search.ranked()) {
                candidates.add(Candidate.of(f).withRank(candidates.size() + 1));
            }
            selection = search.method() + ", by " + options.search().criterion() + ", rule "
                    + options.search().rule().name().toLowerCase(Locale.ROOT);
            Optional<ModelFit> selected = search.selected();
            if (selected.isEmpty()) {
                estimate = Estimate.failed("loglinear", "none", history.observed(), EstimateStatus.MLE_DOES_NOT_EXIST,
                        "No hierarchical model can be fitted to this table (" + search.models() + " tried: "
                                + search.setAside() + ").", options.level());
            } else if (combination(options) == EstimationOptions.Combination.ALL_TWO_WAY) {
                PairwiseModel pairwise = allTwoWay(history, options);
                if (pairwise.estimate() != null) {
                    selection = "the all-two-way log-linear model (the default rule of the simulation study); candidates "
                            + "ranked by " + options.search().criterion() + ", " + search.method();
                    estimate = pairwise.estimate();
                } else {
                    selection = "the all-two-way model cannot be estimated here: " + search.method()
                            + ", averaged with AIC weights";
                    // AIC weights whatever the search's criterion: the study measured them (sparse_200: AIC 85.5%
                    // coverage, BIC 80%)
                    estimate = ModelAveraging.average(search.ranked(), history, Criterion.AIC, options.level());
                    estimate = withWarnings(estimate, selected.get(), List.of(), history, options.search().criterion());
                    estimate = withWarning(estimate, "The model with every pair of lists dependent cannot be estimated "
                            + "from this table (" + pairwise.problem() + "): the estimate averages the simpler models "
                            + "the table supports, which rest on stronger assumptions.");
                }
            } else if (combination(options) == EstimationOptions.Combination.AVERAGE) {
                selection = search.method() + ", averaged with " + options.search().criterion() + " weights";
                estimate = ModelAveraging.average(search.ranked(), history, options.search().criterion(), options.level());
                estimate = withWarnings(estimate, selected.get(), List.of(), history, options.search().criterion());
            } else {
                estimate = withInterval(selected.get(), history, options, t -> searchTotal(t, options.search()));
                estimate = withWarnings(estimate, selected.get(), search.ranked(), history, options.search().criterion());
            }
        }
        java.util.Set<String> named = new java.util.HashSet<>();
        candidates.forEach(c -> named.add(c.model()));
        for (HeterogeneityModel.Kind kind : HeterogeneityModel.Kind.values()) {
            if ((k > 2 || kind.forTwoLists()) && !named.contains(kind.label())) {
                candidates.add(Candidate.of(ModelFitter.fit(new HeterogeneityModel(kind, k), history)));
            }
        }
        if (design.isPresent()) { // the models were fitted for comparison; none is published as the estimate
            estimate = Estimate.failed(estimate.method(), estimate.model(), history.observed(), EstimateStatus.NOT_ESTIMABLE,
                    design.get(), options.level());
        } else if (options.model().isEmpty() && estimate.status() == EstimateStatus.OK
                && !(estimate.interval().upper() > estimate.interval().lower())) {
            estimate = Estimate.failed(estimate.method(), estimate.model(), history.observed(), EstimateStatus.NOT_ESTIMABLE,
                    "The interval has no width: the data cannot measure how uncertain the estimate is.", options.level());
        }
        String published = estimate.model();
        if (estimate.status() == EstimateStatus.OK && candidates.stream().noneMatch(c -> c.model().equals(published))) {
            // the published model (the all-two-way model, an average) heads the list even where the search did not rank it
            candidates.add(0, Candidate.of(estimate));
        }
        return new EstimationResult(history, estimate, candidates, setAside, selection, searched);
    }

    /**
     * The combination in force: the bootstrap (which re-selects in every replicate) and the model-conditional
     * interval belong to a selected model, so with them the search selects.
     */
    static EstimationOptions.Combination combination(EstimationOptions options) {
        return options.interval() == EstimationOptions.IntervalChoice.PROFILE ? options.combination()
                : EstimationOptions.Combination.SELECT;
    }

    /** The all-two-way model's estimate, or (estimate null) why the table cannot carry it. */
    record PairwiseModel(Estimate estimate, String problem) {
    }

    /**
     * The all-two-way model's estimate with its profile interval, or why it cannot carry the estimate: not
     * fitted, flagged, its MLE not existing or not identifiable, or an upper bound the data cannot give.
     */
    static PairwiseModel allTwoWay(CaptureHistory history, EstimationOptions options) {
        LogLinearModel model = LogLinearModel.allTwoWay(history.k());
        ModelFit fit = model.fitTo(history);
        if (!fit.ok()) {
            return new PairwiseModel(null, fit.problem());
        }
        if (!fit.flags().isEmpty()) {
            return new PairwiseModel(null, "its fit is flagged: "
                    + fit.flags().iterator().next().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        }
        ExistenceCheck.Outcome outcome = ExistenceCheck.check(fit, history);
        if (outcome != ExistenceCheck.Outcome.OK) {
            return new PairwiseModel(null, "its " + outcome.description());
        }
        ProfileLikelihood.Result p = ProfileLikelihood.interval(fit, history, options.level());
        if (Double.isNaN(p.upper())) {
            return new PairwiseModel(null, "the data cannot bound its total from above");
        }
        Estimate e = replaceInterval(fit.estimate(options.level()), p.interval(), p.warnings());
        return new PairwiseModel(withWarnings(e, fit, List.of(), history, options.search().criterion()), null);
    }

    private static Estimate withWarning(Estimate e, String warning) {
        return replaceInterval(e, e.interval(), List.of(warning));
    }

    /** The total a search would give a table (the bootstrap's statistic); NaN when it gives none. */
    static double searchTotal(CaptureHistory table, ModelSearch search) {
        return search.run(table).selected().map(ModelFit::total).orElse(Double.NaN);
    }

    private static Estimate named(String name, CaptureHistory history, EstimationOptions options) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        double level = options.level();
        if (n.equals("chapman") || n.equals("lincoln-petersen")) {
            if (history.k() != 2) {
                throw new IllegalArgumentException(name + " needs exactly two lists; the table has " + history.k());
            }
            TwoListEstimator e = n.equals("chapman") ? TwoListEstimator.CHAPMAN : TwoListEstimator.LINCOLN_PETERSEN;
            Estimate estimate = e.fit(history, level);
            if (options.interval() == EstimationOptions.IntervalChoice.BOOTSTRAP) {
                estimate = withBootstrap(estimate, history, options, t -> e.fit(t, level).total());
            }
            return estimate;
        }
        if (n.equals("chao-lb") || n.equals("chao")) {
            return ChaoLowerBound.fit(history, level);
        }
        CaptureModel model;
        Optional<HeterogeneityModel.Kind> kind = HeterogeneityModel.kind(name);
        if (kind.isPresent()) {
            model = new HeterogeneityModel(kind.get(), history.k());
        } else if (name.trim().startsWith("[")) {
            model = LogLinearModel.parse(name, history.k());
        } else {
            throw new IllegalArgumentException("unknown model '" + name + "'; use an Rcapture name (M0, Mt, Mh Chao (LB), "
                    + "Mh Poisson2, Mh Darroch, Mh Gamma3.5, Mth ..., Mb, Mbh), chapman, lincoln-petersen, chao-lb, "
                    + "or log-linear generators such as [12][13][4]");
        }
        ModelFit fit = ModelFitter.fit(model, history);
        if (!fit.ok()) {
            return fit.estimate(level);
        }
        return withInterval(fit, history, options, t -> ModelFitter.fit(model, t).total());
    }

    private static Estimate withInterval(ModelFit fit, CaptureHistory history, EstimationOptions options,
                                         java.util.function.ToDoubleFunction<CaptureHistory> statistic) {
        Estimate base = fit.estimate(options.level());
        return switch (options.interval()) {
            case CONDITIONAL -> replaceInterval(base, fit.conditionalInterval(options.level()), List.of());
            case BOOTSTRAP -> withBootstrap(base, history, options, statistic);
            case PROFILE -> {
                ProfileLikelihood.Result p = ProfileLikelihood.interval(fit, history, options.level());
                yield replaceInterval(base, p.interval(), p.warnings());
            }
        };
    }

    private static Estimate withBootstrap(Estimate base, CaptureHistory history, EstimationOptions options,
                                          java.util.function.ToDoubleFunction<CaptureHistory> statistic) {
        Bootstrap.Result b = new Bootstrap(options.replicates(), options.seed(), options.level()).run(history, statistic);
        List<String> notes = new ArrayList<>(b.warnings());
        notes.add("Bootstrap: " + options.replicates() + " replicates (seed " + options.seed()
                + "), the model re-selected in each; BCa with acceleration " + String.format(Locale.ROOT, "%.4f", b.acceleration()) + ".");
        if (Double.isNaN(b.lower())) {
            return replaceInterval(base, new Interval(Double.NaN, Double.NaN, options.level(), IntervalMethod.BOOTSTRAP), notes);
        }
        return replaceInterval(base, b.interval(), notes);
    }

    private static Estimate replaceInterval(Estimate e, Interval interval, List<String> more) {
        List<String> warnings = new ArrayList<>(e.warnings());
        warnings.addAll(more);
        return new Estimate(e.method(), e.model(), e.observed(), e.total(), e.stderr(), interval, e.status(), warnings,
                e.diagnostics());
    }

    /** Plain-language warnings about a selected model: fit, sparseness, model uncertainty, dependence. */
    private static Estimate withWarnings(Estimate e, ModelFit selected, List<ModelFit> ranked, CaptureHistory history,
                                         Criterion criterion) {
        List<String> warnings = new ArrayList<>(e.warnings());
        FitDiagnostics d = selected.diagnostics();
        if (d != null && d.pValue() < 0.05) {
            warnings.add(String.format(Locale.ROOT, "The selected model fits the table poorly (deviance %.1f on %d df, p = %.3g).",
                    d.deviance(), d.df(), d.pValue()));
        }
        long empty = 0;
        for (int p = 1; p < history.cells(); p++) {
            if (history.count(p) == 0) {
                empty++;
            }
        }
        if (empty * 2 > history.cells() - 1) {
            warnings.add(empty + " of " + (history.cells() - 1) + " possible list combinations are empty: the table is sparse "
                    + "and model choice matters more than the interval shows.");
        }
        double best = selected.criterion(criterion);
        double low = selected.total();
        double high = selected.total();
        for (ModelFit f : ranked) {
            if (f.criterion(criterion) - best <= 2) {
                low = Math.min(low, f.total());
                high = Math.max(high, f.total());
            }
        }
        List<ModelFit> tied = ranked.stream()
                .filter(f -> ModelSearch.tiesWith(f.criterion(criterion), best)).toList();
        if (tied.size() > 1) {
            warnings.add(String.format(Locale.ROOT, "%d models fit this table equally well (%s) and give totals from %.0f to "
                    + "%.0f: the data cannot choose between them; the one with the fewest parameters, then the first in "
                    + "the search's order, is shown.", tied.size(), String.join(", ", tied.stream().map(ModelFit::name).toList()),
                    tied.stream().mapToDouble(ModelFit::total).min().orElseThrow(),
                    tied.stream().mapToDouble(ModelFit::total).max().orElseThrow()));
        }
        if (high - low > 0.25 * selected.total()) {
            warnings.add(String.format(Locale.ROOT, "Models almost as well supported (%s within 2) give totals from %.0f to %.0f: "
                    + "the estimate depends on the model.", criterion, low, high));
        }
        ModelFit independence = LogLinearModel.independence(history.k()).fitTo(history);
        if (independence.ok() && selected.model() instanceof LogLinearModel m && m.terms().length > 0) {
            double ratio = (selected.total() - history.observed()) / Math.max(independence.total() - history.observed(), 1e-9);
            if (ratio > 2 || ratio < 0.5) {
                warnings.add(String.format(Locale.ROOT, "The unseen count rests on estimated dependence between lists: "
                        + "it is %.1f times what independent lists would give (%.0f). Such estimates are fragile.",
                        ratio, independence.total()));
            }
        }
        return new Estimate(e.method(), e.model(), e.observed(), e.total(), e.stderr(), e.interval(), e.status(),
                warnings, e.diagnostics());
    }
}
