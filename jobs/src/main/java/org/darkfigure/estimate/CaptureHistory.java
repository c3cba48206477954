package org.darkfigure.estimate;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A capture-history table of one stratum: K named lists and, for every capture pattern, how many
 * people were seen on exactly those lists. Pattern {@code p} is a bit mask: bit {@code i} set means
 * "on list i" (list 1 of the user is bit 0). The all-zero pattern is the unobserved cell and
 * always holds 0.
 */
public record CaptureHistory(List<String> lists, long[] counts) {

    public static final int MAX_LISTS = 20;

    public CaptureHistory {
        lists = List.copyOf(lists);
        if (lists.isEmpty() || lists.size() > MAX_LISTS) {
            throw new IllegalArgumentException("number of lists must be 1.." + MAX_LISTS + ": " + lists.size());
        }
        if (counts.length != 1 << lists.size()) {
            throw new IllegalArgumentException("counts need 2^K = " + (1 << lists.size()) + " cells, got " + counts.length);
        }
        if (counts[0] != 0) {
            throw new IllegalArgumentException("the unobserved pattern (all zeros) must have count 0, got " + counts[0]);
        }
        for (long c : counts) {
            if (c < 0) {
                throw new IllegalArgumentException("counts must not be negative: " + c);
            }
        }
        counts = counts.clone();
    }

    /** A table from pattern masks to counts; absent patterns count 0. */
    public static CaptureHistory of(List<String> lists, Map<Integer, Long> patternCounts) {
        long[] cells = new long[1 << lists.size()];
        patternCounts.forEach((pattern, count) -> {
            if (pattern <= 0 || pattern >= cells.length) {
                throw new IllegalArgumentException("pattern " + pattern + " is not a non-empty subset of "
                        + lists.size() + " lists");
            }
            cells[pattern] += count;
        });
        return new CaptureHistory(lists, cells);
    }

    public int k() {
        return lists.size();
    }

    public int cells() {
        return counts.length;
    }

    public long count(int pattern) {
        return counts[pattern];
    }

    @Override
    public long[] counts() {
        return counts.clone();
    }

    /** Distinct people seen on at least one list. */
    public long observed() {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        return n;
    }

    /** People seen on list {@code i} (0-based), whatever else they were seen on. */
    public long listSize(int i) {
        long n = 0;
        for (int p = 1; p < counts.length; p++) {
            if ((p & (1 << i)) != 0) {
                n += counts[p];
            }
        }
        return n;
    }

    /** Whether pattern p includes list i. */
    public static boolean on(int pattern, int list) {
        return (pattern & (1 << list)) != 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CaptureHistory h && lists.equals(h.lists) && Arrays.equals(counts, h.counts);
    }

    @Override
    public int hashCode() {
        return lists.hashCode() * 31 + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "CaptureHistory" + lists + Arrays.toString(counts);
    }
}
