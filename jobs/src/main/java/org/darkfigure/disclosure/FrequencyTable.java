package org.darkfigure.disclosure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Equivalence classes held in memory as a frequency table: each combination of quasi-identifier values with
 * how many records have it. The combinations may be the records' own values or already at level 0 of every
 * hierarchy (a hierarchy's levels are functions of its level 0), which is how the pipeline uses it: Spark
 * counts the level-0 combinations once, the levels are then chosen here.
 */
public final class FrequencyTable implements KAnonymity.EquivalenceClasses {

    private final List<Hierarchy> quasiIdentifiers;
    private final Map<List<String>, Long> counts;

    public FrequencyTable(List<Hierarchy> quasiIdentifiers, Map<List<String>, Long> counts) {
        this.quasiIdentifiers = List.copyOf(quasiIdentifiers);
        this.counts = Map.copyOf(counts);
    }

    /** One record per String[] of quasi-identifier values. */
    public static FrequencyTable of(List<Hierarchy> quasiIdentifiers, List<String[]> records) {
        Map<List<String>, Long> counts = new HashMap<>();
        for (String[] r : records) {
            counts.merge(Arrays.asList(r.clone()), 1L, Long::sum);
        }
        return new FrequencyTable(quasiIdentifiers, counts);
    }

    @Override
    public long recordsInClassesSmallerThan(int k, int[] levels) {
        return sizes(levels).values().stream().filter(n -> n < k).mapToLong(Long::longValue).sum();
    }

    @Override
    public long[] distinctValues(int[] levels) {
        long[] distinct = new long[levels.length];
        for (int i = 0; i < levels.length; i++) {
            Set<String> values = new HashSet<>();
            for (List<String> combination : counts.keySet()) {
                values.add(String.valueOf(quasiIdentifiers.get(i).generalise(combination.get(i), levels[i])));
            }
            distinct[i] = values.size();
        }
        return distinct;
    }

    /** The combinations, at the given levels, shared by fewer than k records: those a release withholds. */
    public List<List<String>> classesSmallerThan(int k, int[] levels) {
        return sizes(levels).entrySet().stream().filter(e -> e.getValue() < k).map(Map.Entry::getKey).toList();
    }

    /** The records as released under a plan: generalised, and those in classes smaller than k left out. */
    public List<String[]> release(KAnonymity.Plan plan, int k) {
        List<String[]> out = new ArrayList<>();
        sizes(plan.levels()).forEach((combination, n) -> {
            if (n >= k) {
                for (long i = 0; i < n; i++) {
                    out.add(combination.toArray(String[]::new));
                }
            }
        });
        return out;
    }

    private Map<List<String>, Long> sizes(int[] levels) {
        Map<List<String>, Long> sizes = new HashMap<>();
        counts.forEach((combination, n) -> {
            String[] g = new String[levels.length];
            for (int i = 0; i < levels.length; i++) {
                g[i] = quasiIdentifiers.get(i).generalise(combination.get(i), levels[i]);
            }
            sizes.merge(Arrays.asList(g), n, Long::sum);
        });
        return sizes;
    }
}
