package org.darkfigure.estimate.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.darkfigure.estimate.CaptureHistory;
import org.darkfigure.estimate.Criterion;
import org.darkfigure.estimate.heterogeneity.HeterogeneityModel;
import org.darkfigure.estimate.loglinear.ExistenceCheck;
import org.darkfigure.estimate.loglinear.HierarchicalModels;
import org.darkfigure.estimate.loglinear.LogLinearModel;
import org.darkfigure.estimate.loglinear.ModelFit;
import org.darkfigure.estimate.loglinear.ModelFitter;

/**
 * Chooses a hierarchical log-linear model for a table by an information criterion: exhaustively over
 * every hierarchical model up to {@code maxOrder} when there are few enough of them, stepwise
 * otherwise. Which fits may be chosen is the {@link SelectionRule}; models that may not are counted
 * and reported with the reason, never silently used.
 */
public record ModelSearch(Criterion criterion, int maxOrder, SelectionRule rule, Method method, long exhaustiveLimit,
                          int keep, double stepwiseThreshold, Family family) {

    /** Which models compete. */
    public enum Family {
        /** Hierarchical log-linear models only (as Rcapture's closedpMS.t, SparseMSE, MultipleSystemsEstimation). */
        LOGLINEAR,
        /**
         * Also the heterogeneity models of Rcapture's closedp (M0, Mt, Mh and Mth with Chao, Poisson2, Darroch
         * and Gamma3.5 heterogeneity): Poisson models of the same cells, so their AIC and BIC compare directly.
         * Mb and Mbh are left out: their "first capture" assumes the lists are occasions in time order.
         */
        ALL
    }

    /** Which fitted models a search may select. */
    public enum SelectionRule {
        /** Rcapture's closedpMS.t: only fits without any flag (converged, no numerically zero rates, small bias). */
        RCAPTURE,
        /** MultipleSystemsEstimation: every model whose MLE exists and is identifiable (linear-programming check). */
        EXISTENCE,
        /** Both: the MLE exists and the fit is clean. The platform's default: the cautious one. */
        STRICT
    }

    public enum Method {
        AUTO, EXHAUSTIVE, STEPWISE
    }

    public ModelSearch {
        if (maxOrder < 1) {
            throw new IllegalArgumentException("maxOrder must be at least 1: " + maxOrder);
        }
    }

    public static ModelSearch withDefaults() {
        return new ModelSearch(Criterion.BIC, 2, SelectionRule.STRICT, Method.AUTO, 40_000, 50, 0.02, Family.ALL);
    }

    public ModelSearch withCriterion(Criterion value) {
        return new ModelSearch(value, maxOrder, rule, method, exhaustiveLimit, keep, stepwiseThreshold, family);
    }

    public ModelSearch withMaxOrder(int value) {
        return new ModelSearch(criterion, value, rule, method, exhaustiveLimit, keep, stepwiseThreshold, family);
    }

    public ModelSearch withRule(SelectionRule value) {
        return new ModelSearch(criterion, maxOrder, value, method, exhaustiveLimit, keep, stepwiseThreshold, family);
    }

    public ModelSearch withMethod(Method value) {
        return new ModelSearch(criterion, maxOrder, rule, value, exhaustiveLimit, keep, stepwiseThreshold, family);
    }

    public ModelSearch withStepwiseThreshold(double value) {
        return new ModelSearch(criterion, maxOrder, rule, method, exhaustiveLimit, keep, value, family);
    }

    public ModelSearch withFamily(Family value) {
        return new ModelSearch(criterion, maxOrder, rule, method, exhaustiveLimit, keep, stepwiseThreshold, value);
    }

    /**
     * What the search found: the selected fit, the best {@code keep} eligible fits, what was set aside
     * and why, and for a stepwise search the terms in the order they were added.
     */
    public record Result(Optional<ModelFit> selected, List<ModelFit> ranked, long models, Map<String, Long> setAside,
                         String method, List<Integer> path) {
    }

    public Result run(CaptureHistory history) {
        int k = history.k();
        int order = Math.min(maxOrder, k - 1);
        boolean exhaustive = switch (method) {
            case EXHAUSTIVE -> true;
            case STEPWISE -> false;
            case AUTO -> order <= 1 || HierarchicalModels.countAtMost(k, order, exhaustiveLimit) <= exhaustiveLimit;
        };
        if (!exhaustive) {
            Result stepwise = Stepwise.search(this, history);
            if (family == Family.LOGLINEAR) {
                return stepwise;
            }
            List<ModelFit> fits = new ArrayList<>(stepwise.ranked());
            fits.addAll(heterogeneityFits(history));
            Result ranked = rank(fits, history, stepwise.method() + ", then compared with Rcapture's heterogeneity models");
            return new Result(ranked.selected(), ranked.ranked(), stepwise.models() + fits.size() - 1, ranked.setAside(),
                    ranked.method(), stepwise.path());
        }
        List<LogLinearModel> models = HierarchicalModels.all(k, order);
        List<ModelFit> fits = new ArrayList<>(models.parallelStream().map(m -> m.fitTo(history)).toList());
        String description = "exhaustive over " + models.size() + " hierarchical models up to order " + order;
        if (family == Family.ALL) {
            List<ModelFit> heterogeneity = heterogeneityFits(history);
            fits.addAll(heterogeneity);
            description += " and " + heterogeneity.size() + " heterogeneity models";
        }
        return rank(fits, history, description);
    }

    private static List<ModelFit> heterogeneityFits(CaptureHistory history) {
        List<ModelFit> fits = new ArrayList<>();
        for (HeterogeneityModel.Kind kind : HeterogeneityModel.Kind.values()) {
            boolean temporal = kind == HeterogeneityModel.Kind.MB || kind == HeterogeneityModel.Kind.MBH;
            if (!temporal && (history.k() > 2 || kind.forTwoLists())) {
                fits.add(ModelFitter.fit(new HeterogeneityModel(kind, history.k()), history));
            }
        }
        return fits;
    }

    Result rank(List<ModelFit> fits, CaptureHistory history, String description) {
        Map<String, Long> setAside = new TreeMap<>();
        List<ModelFit> eligible = new ArrayList<>();
        // the existence checks are the costly part: run them on every core, keep the enumeration order
        List<String> reasons = fits.parallelStream().map(f -> {
            String r = reasonToSetAside(f, history);
            return r == null ? "" : r;
        }).toList();
        for (int i = 0; i < fits.size(); i++) {
            ModelFit f = fits.get(i);
            String reason = reasons.get(i).isEmpty() ? null : reasons.get(i);
            if (reason == null) {
                eligible.add(f);
            } else {
                setAside.merge(reason, 1L, Long::sum);
            }
        }
        eligible.sort(Comparator.comparingDouble(f -> f.criterion(criterion)));
        breakTies(eligible, fits);
        List<ModelFit> ranked = eligible.subList(0, Math.min(keep, eligible.size()));
        return new Result(eligible.stream().findFirst(), List.copyOf(ranked), fits.size(), setAside, description, List.of());
    }

    /** Criteria this close (relative to their size) are a tie: the fits are equally good, whatever the last digits say. */
    static final double TIE = 1e-9;

    /** Whether a criterion ties with the best one (within {@link #TIE} of its size). */
    static boolean tiesWith(double criterion, double best) {
        return criterion - best <= TIE * Math.max(1, Math.abs(best));
    }

    /**
     * The stated tie rule, so that floating-point order never decides: among the fits tied with the best, the one
     * with the fewest parameters comes first, then the one enumerated first (hierarchical log-linear models in
     * {@link HierarchicalModels}' order, then Rcapture's heterogeneity models in closedp.t's order). On
     * hepatitis_a_taiwan, Mh Chao, Poisson2 and Darroch fit identically (three lists: the same column space) and
     * differ on BIC only in the 13th digit; their totals are 479, 737 and 1,314. The search's warning names them.
     */
    private void breakTies(List<ModelFit> sorted, List<ModelFit> enumerated) {
        if (sorted.size() < 2) {
            return;
        }
        double best = sorted.get(0).criterion(criterion);
        int tied = 1;
        while (tied < sorted.size() && tiesWith(sorted.get(tied).criterion(criterion), best)) {
            tied++;
        }
        if (tied > 1) {
            List<ModelFit> group = new ArrayList<>(sorted.subList(0, tied));
            java.util.Map<ModelFit, Integer> position = new java.util.IdentityHashMap<>();
            for (int i = 0; i < enumerated.size(); i++) {
                position.put(enumerated.get(i), i);
            }
            group.sort(Comparator.comparingInt(ModelFit::parameters).thenComparingInt(position::get));
            for (int i = 0; i < tied; i++) {
                sorted.set(i, group.get(i));
            }
        }
    }

    /** Why a fit may not be selected under the rule, or null when it may. */
    String reasonToSetAside(ModelFit f, CaptureHistory history) {
        if (!f.ok()) {
            return f.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
        if (rule != SelectionRule.RCAPTURE && f.model() instanceof LogLinearModel m) {
            ExistenceCheck.Outcome outcome = ExistenceCheck.check(f, history);
            if (outcome != ExistenceCheck.Outcome.OK) {
                return outcome.description();
            }
        }
        if (rule != SelectionRule.EXISTENCE && !f.flags().isEmpty()) {
            return "flagged: " + f.flags().iterator().next().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
        return null;
    }
}
