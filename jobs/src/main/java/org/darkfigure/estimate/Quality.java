package org.darkfigure.estimate;

import java.util.ArrayList;
import java.util.List;

/**
 * How far a published estimate can be trusted, for the people who read it, with the reasons: RELIABLE (fitted,
 * nothing to qualify it), CAUTION (fitted, but a warning qualifies it: poor fit, model dependence, sparse
 * data...), NOT_ESTIMABLE (no estimate: only the observed count). Derived in one place from the status and
 * the warnings, and for the published default the study's known coverage in its situation ({@link #ofDefault}).
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
     * The quality of an estimate the published default made: with what the simulation study measured of its
     * interval in the estimate's situation, where that fell short of the level ({@link KnownCoverage}).
     */
    public static Quality ofDefault(EstimateStatus status, List<String> warnings, KnownCoverage situation) {
        Quality q = of(status, warnings);
        String caveat = situation.caveat();
        return q.flag() == Flag.NOT_ESTIMABLE || caveat == null ? q : withReason(q, caveat);
    }
}
