package org.darkfigure.disclosure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Equivalence classes of records held in memory: one String[] of quasi-identifier values per record. */
public final class FrequencyTable implements KAnonymity.EquivalenceClasses {

    private final List<Hierarchy> quasiIdentifiers;
    private final List<String[]> records;

    public FrequencyTable(List<Hierarchy> quasiIdentifiers, List<String[]> records) {
        this.quasiIdentifiers = List.copyOf(quasiIdentifiers);
        this.records = List.copyOf(records);
    }

    @Override
    public long recordsInClassesSmallerThan(int k, int[] levels) {
        Map<List<String>, Long> sizes = new HashMap<>();
        for (String[] r : records) {
            sizes.merge(key(r, levels), 1L, Long::sum);
        }
        return sizes.values().stream().filter(n -> n < k).mapToLong(Long::longValue).sum();
    }

    @Override
    public long[] distinctValues(int[] levels) {
        long[] distinct = new long[levels.length];
        for (int i = 0; i < levels.length; i++) {
            Set<String> values = new HashSet<>();
            for (String[] r : records) {
                values.add(String.valueOf(quasiIdentifiers.get(i).generalise(r[i], levels[i])));
            }
            distinct[i] = values.size();
        }
        return distinct;
    }

    /** The records as released under a plan: generalised, and those in small classes left out. */
    public List<String[]> release(KAnonymity.Plan plan, int k) {
        int[] levels = plan.levels();
        Map<List<String>, Long> sizes = new HashMap<>();
        for (String[] r : records) {
            sizes.merge(key(r, levels), 1L, Long::sum);
        }
        List<String[]> out = new ArrayList<>();
        for (String[] r : records) {
            List<String> key = key(r, levels);
            if (sizes.get(key) >= k) {
                out.add(key.toArray(String[]::new));
            }
        }
        return out;
    }

    private List<String> key(String[] r, int[] levels) {
        String[] g = new String[levels.length];
        for (int i = 0; i < levels.length; i++) {
            g[i] = quasiIdentifiers.get(i).generalise(r[i], levels[i]);
        }
        return Arrays.asList(g);
    }
}
