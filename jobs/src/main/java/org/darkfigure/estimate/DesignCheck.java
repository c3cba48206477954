package org.darkfigure.estimate;

import java.util.Optional;

/**
 * Designs that capture-recapture cannot estimate from, whatever the model: fewer than two lists, nobody on
 * more than one list, too few people on more than one list, or one list drawn from another (a referral chain:
 * everyone on the later list is on the earlier one, so the lists say nothing about who neither caught).
 * Such a stratum is published as NOT_ESTIMABLE with its observed count and the reason, never as a number.
 */
public final class DesignCheck {

    /** People on two or more lists below which no model is identified from the overlaps. */
    public static final int MIN_OVERLAP = 3;
    /**
     * With three or more lists, a list is taken for drawn from another when all of at least this many of its
     * people are on the other one (a small list can be inside another by chance: with half the people on the
     * other list, ten of ten happen one time in a thousand).
     */
    public static final int NESTED_MIN_SIZE = 10;

    private DesignCheck() {
    }

    /** Why the design cannot be estimated, in plain words; empty when it can. */
    public static Optional<String> problem(CaptureHistory h) {
        int k = h.k();
        if (k < 2) {
            return Optional.of("Only one list recorded anyone here: with a single list, capture-recapture cannot say "
                    + "how many were missed.");
        }
        long overlap = 0;
        for (int p = 1; p < h.cells(); p++) {
            if (Integer.bitCount(p) >= 2) {
                overlap += h.count(p);
            }
        }
        if (overlap == 0) {
            return Optional.of("No one was recorded by more than one list: the lists share nobody, so how many nobody "
                    + "recorded cannot be estimated.");
        }
        if (overlap < MIN_OVERLAP) {
            return Optional.of("Fewer than " + MIN_OVERLAP + " people were recorded by more than one list: too few to "
                    + "estimate how many nobody recorded.");
        }
        for (int j = 0; j < k; j++) {
            if (h.listSize(j) == 0 || (k > 2 && h.listSize(j) < NESTED_MIN_SIZE)) {
                continue;
            }
            for (int i = 0; i < k; i++) {
                if (i != j && onlyWith(h, j, i)) {
                    return Optional.of("Everyone on " + h.lists().get(j) + " is also on " + h.lists().get(i)
                            + ": the second list is drawn from the first (as a prosecution's cases come from the "
                            + "police's arrests), so together they say nothing about who neither caught.");
                }
            }
        }
        return Optional.empty();
    }

    /** Whether every person on list {@code j} is also on list {@code i}. */
    private static boolean onlyWith(CaptureHistory h, int j, int i) {
        for (int p = 1; p < h.cells(); p++) {
            if (CaptureHistory.on(p, j) && !CaptureHistory.on(p, i) && h.count(p) > 0) {
                return false;
            }
        }
        return true;
    }
}
