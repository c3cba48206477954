package org.darkfigure.estimate;

import java.util.ArrayList;
import java.util.List;

/**
 * How far a published estimate can be trusted, for the people who read it, with the reasons: RELIABLE (fitted,
 * nothing to qualify it), CAUTION (fitted, but a warning qualifies it: poor fit, model dependence, sparse
 * data...), NOT_ESTIMABLE (no estimate: only the observed count). Derived in one place from the status and
 * the warnings; the study of issue 15 will add the known coverage of the estimator's situation.
 */
public record Quality(Flag flag, List<String> reasons) {

    public enum Flag {
        RELIABLE, CAUTION, NOT_ESTIMABLE
    }

    public Quality {
        reasons = List.copyOf(reasons);
    }

    public static Quality of(EstimateStatus status, List<String> warnings) {
        if (status != EstimateStatus.OK) {
            return new Quality(Flag.NOT_ESTIMABLE, warnings.isEmpty() ? List.of(status.name()) : warnings);
        }
        return new Quality(warnings.isEmpty() ? Flag.RELIABLE : Flag.CAUTION, warnings);
    }

    /**
     * A sum of strata: reliable only when every part is; strata that are not estimable count with their
     * observed counts, which makes the sum a lower bound to read with caution.
     */
    public static Quality ofTotal(List<Quality> parts, List<String> warnings) {
        List<String> reasons = new ArrayList<>(warnings);
        long notReliable = parts.stream().filter(q -> q.flag() != Flag.RELIABLE).count();
        if (notReliable > 0 && warnings.isEmpty()) {
            reasons.add(notReliable + " of " + parts.size() + " strata are not reliable on their own.");
        }
        return new Quality(reasons.isEmpty() ? Flag.RELIABLE : Flag.CAUTION, reasons);
    }

    /** The same quality with one more reason: a reliable estimate becomes one to use with caution. */
    public static Quality withReason(Quality q, String reason) {
        List<String> reasons = new ArrayList<>(q.reasons());
        reasons.add(reason);
        return new Quality(q.flag() == Flag.RELIABLE ? Flag.CAUTION : q.flag(), reasons);
    }

    /**
     * What the study measured for the default (a model chosen by the BIC search among 3+ lists, with its profile
     * interval) on tables drawn as the simulator draws them (`simulation-study --scenarios simulator_05,
     * simulator_08,simulator_12`, 100 replications, seed 20261128): coverage of the 95% interval 20%, 59%, 69%.
     * Until the study of issue 15 chooses a default that holds its level, every such estimate says so.
     */
    public static final String SEARCH_COVERAGE = "The interval is known to be too narrow: on simulated data like this "
            + "domain's (people differ in how catchable they are), the selected model's 95% interval held the true total "
            + "in only 20% to 69% of replications. Read it as a lower bound on the uncertainty.";

    /** The quality of an estimate that a model search chose: with the study's caveat on its interval. */
    public static Quality ofSearch(EstimateStatus status, List<String> warnings) {
        Quality q = of(status, warnings);
        return q.flag() == Flag.NOT_ESTIMABLE ? q : withReason(q, SEARCH_COVERAGE);
    }
}
