package org.darkfigure.link;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A scored stratum's people, as the link stage writes them from where the stratum is (issue 20: no join of the
 * records back to their facts, no shuffle of every record by cluster). At the chosen threshold: each person with
 * the lists that recorded them and how many records, and each record's person; at the other thresholds: the people
 * counted by capture pattern, which is all the linkage sensitivity needs.
 *
 * <p>A person's id is named after its first record (the smallest record key): {@code sha256("<stratum>|<first record
 * key>")}, the first 24 hex digits. So the same people get the same ids in every run, and a source that knows its
 * record keys cannot find them among the ids without the stratum.
 */
public final class StratumPeople {

    private StratumPeople() {
    }

    /**
     * One person: id, the lists that recorded them (sorted, each once), how many records, and the person's place among
     * the stratum's persons in the order of their ids (1 = first), from which release-scoped numbers are counted.
     */
    public record Person(String id, List<String> sources, long records, long rank) {

        public Person {
            sources = List.copyOf(sources);
        }
    }

    /**
     * A stratum's people at the chosen threshold (in the order of their ids), and each record's person: id and rank (in
     * the order of {@code ids}).
     */
    public record People(List<Person> persons, String[] personOfRecord, long[] rankOfRecord) {
    }

    /** Text in code point order, which is the order of UTF-8 bytes: Spark's order of strings, so min and sort agree. */
    static final Comparator<String> CODE_POINT_ORDER = StratumPeople::compareCodePoints;

    /** The stratum's people at the chosen threshold ({@link StratumLinkage.Scored#clusters}); records need keys. */
    public static People atChosenThreshold(StratumLinkage.Scored s) {
        int n = s.ids().length;
        for (int i = 0; i < n; i++) {
            if (s.recordKeys()[i] == null) {
                throw new IllegalArgumentException("record " + s.ids()[i] + " of stratum " + s.stratum()
                        + " has no record key: people are named after their first record");
            }
        }
        Map<Long, Group> groups = groups(s.clusters(), s.sources(), s.recordKeys());
        List<Map.Entry<Long, Group>> named = new ArrayList<>(groups.entrySet());
        for (Map.Entry<Long, Group> e : named) {
            e.getValue().id = personId(s.stratum(), e.getValue().firstRecord);
        }
        named.sort((a, b) -> CODE_POINT_ORDER.compare(a.getValue().id, b.getValue().id));
        List<Person> persons = new ArrayList<>(named.size());
        Map<Long, Person> personOf = new HashMap<>(named.size() * 2);
        for (Map.Entry<Long, Group> e : named) {
            Group g = e.getValue();
            Person p = new Person(g.id, new ArrayList<>(g.sources), g.records, persons.size() + 1);
            persons.add(p);
            personOf.put(e.getKey(), p);
        }
        String[] personOfRecord = new String[n];
        long[] rankOfRecord = new long[n];
        for (int i = 0; i < n; i++) {
            Person p = personOf.get(s.clusters()[i]);
            personOfRecord[i] = p.id();
            rankOfRecord[i] = p.rank();
        }
        return new People(persons, personOfRecord, rankOfRecord);
    }

    /**
     * The stratum's people counted by capture pattern (its sorted lists): at the chosen threshold ({@code t = 0}) or
     * at the t-th other threshold ({@link StratumLinkage.Scored#clustersAt}{@code [t - 1]}); in pattern order.
     */
    public static Map<List<String>, Long> patterns(StratumLinkage.Scored s, int t) {
        long[] clusters = t == 0 ? s.clusters() : s.clustersAt()[t - 1];
        Map<List<String>, Long> counts = new TreeMap<>(StratumPeople::comparePatterns);
        for (Group g : groups(clusters, s.sources(), null).values()) {
            counts.merge(List.copyOf(g.sources), 1L, Long::sum);
        }
        return counts;
    }

    /** The id of a person of a stratum whose smallest record key is {@code firstRecord}. */
    public static String personId(String stratum, String firstRecord) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((stratum + "|" + firstRecord).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The records of one cluster: their lists, how many, and the smallest key (where keys are asked for). */
    private static final class Group {
        final TreeSet<String> sources = new TreeSet<>(CODE_POINT_ORDER);
        long records;
        String firstRecord;
        String id;
    }

    private static Map<Long, Group> groups(long[] clusters, String[] sources, String[] keys) {
        Map<Long, Group> groups = new java.util.LinkedHashMap<>();
        for (int i = 0; i < clusters.length; i++) {
            Group g = groups.computeIfAbsent(clusters[i], c -> new Group());
            g.sources.add(sources[i]);
            g.records++;
            if (keys != null && (g.firstRecord == null || compareCodePoints(keys[i], g.firstRecord) < 0)) {
                g.firstRecord = keys[i];
            }
        }
        return groups;
    }

    private static int comparePatterns(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = compareCodePoints(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
