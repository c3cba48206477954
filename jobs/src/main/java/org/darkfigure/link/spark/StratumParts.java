package org.darkfigure.link.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.darkfigure.link.Blocking;
import org.darkfigure.link.FellegiSunter;
import org.darkfigure.link.LinkRecord;
import org.darkfigure.link.NameNeighbours;
import org.darkfigure.link.StratumLinkage;
import org.darkfigure.link.StratumRecords;
import scala.Tuple2;

/**
 * Large strata linked in parts (issue 20): a country-year of millions of records is not gathered into one task.
 *
 * <p>A stratum of more records than the split size is dealt into G groups by a hash of the record id, G chosen so
 * that two groups together hold at most the split size. A part is one group (its own pairs) or two groups (the pairs
 * across them): G(G+1)/2 parts, each record in G of them, every pair of the stratum in exactly one. A part blocks its
 * records with the stratum's size (the bands' bits and the birth-year window are the whole stratum's) and makes only
 * the pairs it owns ({@link Blocking#candidates(LinkRecord[], int, boolean[], Blocking.Outside)}), so the parts
 * together make, compare and count exactly the pairs the whole stratum would. What needs the whole stratum is
 * gathered without its records: the names' neighbourhood counts are summed per record and handed back to the parts
 * that hold it; the random pairs for u are drawn by position in the stratum's sorted ids, as the whole stratum draws
 * them; and the weighed pairs (about 30 bytes each) with the records' ids, sources and keys are gathered per stratum
 * to be scored against the stratum's prior and clustered ({@link StratumLinkage#score(StratumLinkage.Members, int[],
 * int[], double[], int[], boolean[], double, double, double[])}). The persons are the ones the stratum would give
 * in one piece (StratumPartsTest).
 *
 * <p>The price is the parts' copies: each record is blocked G times. Tiling the pairs this way was chosen over
 * shuffling one copy of each record per block key (about 24 keys a record) and joining the pairs back to their
 * records, which would ship a whole record with every candidate pair.
 */
final class StratumParts {

    private StratumParts() {
    }

    /** Groups a stratum of {@code size} records is dealt into (two groups hold at most {@code splitAbove} records). */
    static int groups(long size, int splitAbove) {
        return (int) Math.max(2, Math.ceil(2.0 * size / splitAbove));
    }

    /** The group of a record (a mix of its id: ids are numbered in the input's order, which may follow anything). */
    static int group(long id, int groups) {
        long z = id * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z ^= z >>> 31;
        return (int) Math.floorMod(z, (long) groups);
    }

    /** Which part: the stratum and its two groups ({@code first <= second}; equal: one group's own pairs). */
    record PartKey(String stratum, int first, int second) implements Serializable {
        static PartKey of(String stratum, int g, int h) {
            return new PartKey(stratum, Math.min(g, h), Math.max(g, h));
        }
    }

    /** A part's records (sorted by id) in a stratum of {@code size} records dealt into {@code groups}. */
    record Part(PartKey key, int size, int groups, StratumRecords records) implements Serializable {

        LinkRecord[] array() {
            return records.records();
        }

        boolean diagonal() {
            return key.first() == key.second();
        }

        /** Which records are of the first group (null for one group's own pairs: all are its). */
        boolean[] side() {
            if (diagonal()) {
                return null;
            }
            LinkRecord[] r = array();
            boolean[] first = new boolean[r.length];
            for (int i = 0; i < r.length; i++) {
                first[i] = group(r[i].id(), groups) == key.first();
            }
            return first;
        }

        /** Compares the pairs this part owns; neighbourhoods over them only (see {@link #summedNeighbours}). */
        PartCompared compare(Blocking blocking) {
            return new PartCompared(this, StratumLinkage.Compared.of(array(), blocking, size, side()));
        }
    }

    /** A part with its pairs compared. */
    record PartCompared(Part part, StratumLinkage.Compared compared) implements Serializable {
    }

    /** Deals the records of the large strata ({@code sizes}) into their parts. */
    static JavaRDD<Part> parts(JavaRDD<LinkRecord> records, Map<String, Integer> sizes, int splitAbove, int partitions) {
        return records.mapPartitionsToPair(rows -> {
            Map<PartKey, StratumRecords> out = new LinkedHashMap<>();
            while (rows.hasNext()) {
                LinkRecord r = rows.next();
                int g = groups(sizes.get(r.stratum()), splitAbove);
                int mine = group(r.id(), g);
                for (int h = 0; h < g; h++) {
                    PartKey key = PartKey.of(r.stratum(), mine, h);
                    StratumRecords part = out.get(key);
                    if (part == null) {
                        out.put(key, StratumRecords.of(r));
                    } else {
                        part.add(r);
                    }
                }
            }
            List<Tuple2<PartKey, StratumRecords>> list = new ArrayList<>(out.size());
            out.forEach((k, v) -> list.add(new Tuple2<>(k, v)));
            return list.iterator();
        }).combineByKey(p -> p, StratumRecords::addAll, StratumRecords::addAll, new HashPartitioner(partitions), false,
                null).map(p -> {
                    int size = sizes.get(p._1().stratum());
                    return new Part(p._1(), size, groups(size, splitAbove), p._2().sortedById());
                });
    }

    /**
     * The parts with their records' neighbourhoods counted over the whole stratum: each part's counts summed per record
     * and handed back to every part that holds the record.
     */
    static JavaRDD<PartCompared> summedNeighbours(JavaRDD<PartCompared> parts, int partitions) {
        JavaPairRDD<Long, Neighbourhood> summed = parts.flatMapToPair(pc -> {
            LinkRecord[] r = pc.part().array();
            NameNeighbours n = pc.compared().neighbours();
            List<Tuple2<Long, Neighbourhood>> out = new ArrayList<>();
            for (int i = 0; i < r.length; i++) {
                int[] c = n.counts(i);
                if (!zero(c)) {
                    out.add(new Tuple2<>(r[i].id(), new Neighbourhood(r[i].stratum(), pc.part().groups(), c)));
                }
            }
            return out.iterator();
        }).reduceByKey(Neighbourhood::plus, partitions);
        JavaPairRDD<PartKey, Tuple2<Long, int[]>> back = summed.flatMapToPair(e -> {
            Neighbourhood n = e._2();
            int mine = group(e._1(), n.groups());
            List<Tuple2<PartKey, Tuple2<Long, int[]>>> out = new ArrayList<>(n.groups());
            for (int h = 0; h < n.groups(); h++) {
                out.add(new Tuple2<>(PartKey.of(n.stratum(), mine, h), new Tuple2<>(e._1(), n.counts())));
            }
            return out.iterator();
        });
        return parts.mapToPair(pc -> new Tuple2<>(pc.part().key(), pc)).cogroup(back, partitions).flatMap(e -> {
            List<PartCompared> out = new ArrayList<>(1);
            for (PartCompared pc : e._2()._1()) {
                LinkRecord[] r = pc.part().array();
                long[] ids = new long[r.length];
                for (int i = 0; i < r.length; i++) {
                    ids[i] = r[i].id();
                }
                int[] counts = new int[r.length * NameNeighbours.CELLS];
                for (Tuple2<Long, int[]> c : e._2()._2()) {
                    int at = Arrays.binarySearch(ids, c._1());
                    System.arraycopy(c._2(), 0, counts, at * NameNeighbours.CELLS, NameNeighbours.CELLS);
                }
                out.add(new PartCompared(pc.part(),
                        pc.compared().withNeighbours(NameNeighbours.of(pc.part().size(), counts))));
            }
            return out.iterator();
        });
    }

    private static boolean zero(int[] counts) {
        for (int c : counts) {
            if (c != 0) {
                return false;
            }
        }
        return true;
    }

    /** One record's neighbourhood counts, with what is needed to find its parts again. */
    record Neighbourhood(String stratum, int groups, int[] counts) implements Serializable {
        Neighbourhood plus(Neighbourhood other) {
            int[] sum = counts.clone();
            for (int i = 0; i < sum.length; i++) {
                sum[i] += other.counts[i];
            }
            return new Neighbourhood(stratum, groups, sum);
        }
    }

    /**
     * Level counts of the random pairs of the large strata, the pairs the whole stratum would draw
     * ({@link StratumLinkage#randomDraws} on its ids in order, {@code samples} per stratum, seeded with the seed and
     * the stratum's lowest id). The draws (at most the few hundred thousand random pairs of the whole linkage, not
     * anything per record) pass through the driver to pick their records out where they are.
     */
    static double[][] randomPairCounts(JavaRDD<LinkRecord> records, Map<String, Integer> samples, long seed,
                                       int partitions) {
        List<Tuple2<String, long[]>> drawn = records.mapPartitionsToPair(rows -> {
                    Map<String, IdList> out = new LinkedHashMap<>();
                    rows.forEachRemaining(r -> out.computeIfAbsent(r.stratum(), k -> new IdList()).add(r.id()));
                    List<Tuple2<String, IdList>> list = new ArrayList<>(out.size());
                    out.forEach((k, v) -> list.add(new Tuple2<>(k, v)));
                    return list.iterator();
                })
                .combineByKey(l -> l, IdList::addAll, IdList::addAll, new HashPartitioner(partitions), false, null)
                .map(e -> {
                    long[] ids = e._2().sorted();
                    long[] draws = StratumLinkage.randomDraws(ids.length, samples.get(e._1()), seed ^ ids[0]);
                    long[] pairs = new long[2 * draws.length];
                    for (int d = 0; d < draws.length; d++) {
                        pairs[2 * d] = ids[(int) (draws[d] >>> 32)];
                        pairs[2 * d + 1] = ids[(int) draws[d]];
                    }
                    return new Tuple2<>(e._1(), pairs);
                }).collect();
        int total = drawn.stream().mapToInt(d -> d._2().length).sum();
        long[] wanted = new long[total];
        int at = 0;
        for (Tuple2<String, long[]> d : drawn) {
            System.arraycopy(d._2(), 0, wanted, at, d._2().length);
            at += d._2().length;
        }
        Arrays.sort(wanted);
        Broadcast<long[]> ids = new org.apache.spark.api.java.JavaSparkContext(records.context()).broadcast(wanted);
        Map<String, long[]> pairs = new LinkedHashMap<>();
        drawn.forEach(d -> pairs.put(d._1(), d._2()));
        try {
            return records.filter(r -> Arrays.binarySearch(ids.value(), r.id()) >= 0)
                    .mapToPair(r -> new Tuple2<>(r.stratum(), StratumRecords.of(r)))
                    .reduceByKey(StratumRecords::addAll, partitions)
                    .map(e -> {
                        LinkRecord[] sample = e._2().sortedById().records();
                        long[] sampleIds = new long[sample.length];
                        for (int i = 0; i < sample.length; i++) {
                            sampleIds[i] = sample[i].id();
                        }
                        double[][] counts = StratumLinkage.noRandomPairs();
                        long[] p = pairs.get(e._1());
                        for (int d = 0; d < p.length; d += 2) {
                            StratumLinkage.count(counts, sample[Arrays.binarySearch(sampleIds, p[d])],
                                    sample[Arrays.binarySearch(sampleIds, p[d + 1])]);
                        }
                        return counts;
                    }).fold(StratumLinkage.noRandomPairs(), StratumParts::add);
        } finally {
            ids.destroy();
        }
    }

    /** A stratum's record ids as they are gathered. */
    static final class IdList implements Serializable {
        private static final long serialVersionUID = 1L;
        private long[] values = new long[16];
        private int size;

        void add(long id) {
            room(1);
            values[size++] = id;
        }

        IdList addAll(IdList other) {
            room(other.size);
            System.arraycopy(other.values, 0, values, size, other.size);
            size += other.size;
            return this;
        }

        private void room(int more) {
            if (size + more > values.length) {
                values = Arrays.copyOf(values, Math.max(size + more, values.length * 2));
            }
        }

        long[] sorted() {
            long[] out = Arrays.copyOf(values, size);
            Arrays.sort(out);
            return out;
        }
    }

    private static double[][] add(double[][] a, double[][] b) {
        double[][] sum = new double[a.length][];
        for (int k = 0; k < a.length; k++) {
            sum[k] = a[k].clone();
            for (int l = 0; l < sum[k].length; l++) {
                sum[k][l] += b[k][l];
            }
        }
        return sum;
    }

    /**
     * A part's pairs weighed (ids, weight, pattern, one source's records of one incident), with its group's members
     * when it is a group's own part (each record is in exactly one of those).
     */
    record Weighed(long[] a, long[] b, double[] w, int[] patterns, boolean[] sameEvent, StratumLinkage.Members members)
            implements Serializable {

        static Weighed of(PartCompared pc, FellegiSunter model, Map<String, Double> share, double matchesPerRecord) {
            StratumLinkage.Compared c = pc.compared();
            LinkRecord[] r = c.records();
            long[] candidates = c.candidates();
            double[] w = StratumLinkage.weights(c, model, share, matchesPerRecord);
            long[] a = new long[candidates.length];
            long[] b = new long[candidates.length];
            boolean[] same = new boolean[candidates.length];
            for (int k = 0; k < candidates.length; k++) {
                LinkRecord x = r[(int) (candidates[k] >>> 32)];
                LinkRecord y = r[(int) candidates[k]];
                a[k] = x.id();
                b[k] = y.id();
                same[k] = StratumLinkage.sameEvent(x, y);
            }
            return new Weighed(a, b, w, c.patterns(), same,
                    pc.part().diagonal() ? StratumLinkage.Members.of(r) : null);
        }
    }

    /** Scores and clusters each large stratum from its parts' weighed pairs, gathered (no records). */
    static JavaRDD<StratumLinkage.Scored> score(JavaRDD<PartCompared> parts, FellegiSunter model,
                                                Map<String, Double> share, double threshold, double matchesPerRecord,
                                                double[] alsoAt, int partitions) {
        return parts.mapToPair(pc -> new Tuple2<>(pc.part().key().stratum(),
                        List.of(Weighed.of(pc, model, share, matchesPerRecord))))
                .reduceByKey(StratumParts::concat, partitions)
                .map(e -> scoreGathered(e._1(), e._2(), threshold, matchesPerRecord, alsoAt));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a.size() + b.size());
        out.addAll(a);
        out.addAll(b);
        return out;
    }

    /**
     * One stratum's pairs from all its parts, in the order the whole stratum scores them (by first then second record
     * position), so that ties, sums and the output come out as the stratum in one piece gives them whatever order the
     * parts arrive in.
     */
    static StratumLinkage.Scored scoreGathered(String stratum, List<Weighed> parts, double threshold,
                                               double matchesPerRecord, double[] alsoAt) {
        StratumLinkage.Members members = members(stratum, parts);
        long[] ids = members.ids();
        int pairs = parts.stream().mapToInt(p -> p.a().length).sum();
        long[] keys = new long[pairs];
        int at = 0;
        for (Weighed p : parts) {
            for (int k = 0; k < p.a().length; k++) {
                keys[at++] = ((long) Arrays.binarySearch(ids, p.a()[k]) << 32) | Arrays.binarySearch(ids, p.b()[k]);
            }
        }
        long[] sorted = keys.clone();
        Arrays.sort(sorted); // pairs are distinct: a key's place in the sorted keys is its pair's place
        int[] a = new int[pairs];
        int[] b = new int[pairs];
        double[] w = new double[pairs];
        int[] patterns = new int[pairs];
        boolean[] same = new boolean[pairs];
        at = 0;
        for (Weighed p : parts) {
            for (int k = 0; k < p.a().length; k++, at++) {
                int to = Arrays.binarySearch(sorted, keys[at]);
                a[to] = (int) (keys[at] >>> 32);
                b[to] = (int) keys[at];
                w[to] = p.w()[k];
                patterns[to] = p.patterns()[k];
                same[to] = p.sameEvent()[k];
            }
        }
        return StratumLinkage.score(members, a, b, w, patterns, same, threshold, matchesPerRecord, alsoAt);
    }

    /** The stratum's members from its groups' own parts, by id. */
    private static StratumLinkage.Members members(String stratum, List<Weighed> parts) {
        List<StratumLinkage.Members> groups = new ArrayList<>();
        for (Weighed p : parts) {
            if (p.members() != null) {
                groups.add(p.members());
            }
        }
        int n = groups.stream().mapToInt(g -> g.ids().length).sum();
        long[] ids = new long[n];
        String[] sources = new String[n];
        String[] keys = new String[n];
        int[] head = new int[groups.size()];
        for (int i = 0; i < n; i++) { // merge the groups' runs, each sorted by id
            int best = -1;
            for (int g = 0; g < groups.size(); g++) {
                if (head[g] < groups.get(g).ids().length
                        && (best < 0 || groups.get(g).ids()[head[g]] < groups.get(best).ids()[head[best]])) {
                    best = g;
                }
            }
            StratumLinkage.Members m = groups.get(best);
            ids[i] = m.ids()[head[best]];
            sources[i] = m.sources()[head[best]];
            keys[i] = m.recordKeys()[head[best]];
            head[best]++;
        }
        return new StratumLinkage.Members(stratum, ids, sources, keys);
    }
}
