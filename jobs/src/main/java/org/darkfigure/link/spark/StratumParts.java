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
import org.apache.spark.storage.StorageLevel;
import org.darkfigure.link.Blocking;
import org.darkfigure.link.FellegiSunter;
import org.darkfigure.link.LinkRecord;
import org.darkfigure.link.NameNeighbours;
import org.darkfigure.link.StratumLinkage;
import org.darkfigure.link.StratumRecords;
import scala.Tuple2;

/**
 * Large strata linked in parts (issue 20): a country-year of millions of records is never gathered into one task.
 *
 * <p>A part holds whole blocks. Every block of a large stratum (each keyed rule's value, each part of the date-of-birth
 * hash, each name band's key: {@link Blocking#blockHashes}) is given to part {@code hash mod P}; its members' ids are
 * gathered first, and a record is sent to the parts of its blocks that have two or more members, so a record that
 * shares no block with anyone goes nowhere. P is the stratum's block memberships over the split size, so that a part
 * holds about the split size of records (one record in several of a part's blocks is held once). A part forms only the
 * blocks it holds, and keeps a pair only if it also holds the pair's owner block (the first rule and band that make
 * it a candidate), so the parts together make, compare and count exactly the pairs of the whole stratum, each once
 * ({@link Blocking#candidates(LinkRecord[], int, Blocking.Part, Blocking.Outside)}).
 *
 * <p>What needs the whole stratum is gathered without its records: the names' neighbourhood counts are summed per
 * record and handed back to the parts that hold it; the random pairs for u are drawn by position in the stratum's
 * sorted ids, as the whole stratum draws them; and the weighed pairs (about 30 bytes each) with every record's id,
 * source and key are gathered per stratum to be scored against the stratum's prior and clustered
 * ({@link StratumLinkage#score(StratumLinkage.Members, int[], int[], double[], int[], boolean[], double, double,
 * double[])}). The persons are the ones the stratum gives in one piece (StratumPartsTest).
 *
 * <p>What it costs (bench/linkage --one-stratum, 2 cores): the parts hold about ten copies of each record (one per part
 * where it shares a block: the date of birth, the name's sound and most name bands are shared in a large stratum), and
 * those copies cross two shuffles. One stratum of 300,000 records: 11.5 s and 0.9 GB of heap whole, 125 s and 11 GB in
 * parts of 100,000; of 1 million: 38.9 s and 1 GB whole, 661 s and 13.7 GB in parts of 250,000. Hence
 * {@link ProbabilisticLink#SPLIT_ABOVE}: parts only for a stratum no task can hold. Tiles of the pair matrix (G groups
 * of records, each pair in the tile of its two groups) took 442 s at 1 million, but copy every record G times, and G
 * grows with the stratum; a block's copies do not. What would cut the copies: sending a record only to the parts that
 * own one of its pairs (owner blocks), and writing the shuffled records field by field as {@link StratumRecords} does.
 */
final class StratumParts {

    private StratumParts() {
    }

    /** Parts for a stratum whose blocks of two or more have {@code memberships} members in all (at least 2). */
    static int parts(long memberships, int splitAbove) {
        return (int) Math.max(2, (memberships + splitAbove - 1) / splitAbove);
    }

    /** The part that holds a block (block hashes are mixed already). */
    static int partOf(long block, int parts) {
        return (int) Math.floorMod(block, (long) parts);
    }

    /** Which part: the stratum and the part's number. */
    record PartKey(String stratum, int index) implements Serializable {
    }

    /**
     * A part's records (sorted by id) in a stratum of {@code size} records ({@code years}: per birth year) dealt into
     * {@code parts}.
     */
    record Part(PartKey key, int size, Map<Integer, Integer> years, int parts, StratumRecords records)
            implements Serializable {

        LinkRecord[] array() {
            return records.records();
        }

        /** The blocks this part holds. */
        Blocking.Part holds() {
            int p = parts;
            int index = key.index();
            return block -> partOf(block, p) == index;
        }

        /** Compares the pairs this part makes; neighbourhoods over them only (see {@link #summedNeighbours}). */
        PartCompared compare(Blocking blocking) {
            return new PartCompared(this, StratumLinkage.Compared.of(array(), blocking, size,
                    year -> years.getOrDefault(year, 0), holds()));
        }
    }

    /** A part with its pairs compared. */
    record PartCompared(Part part, StratumLinkage.Compared compared) implements Serializable {
    }

    /** A block of a stratum: its rule and hash. */
    record Block(String stratum, int rule, long hash) implements Serializable {
    }

    /** The large strata dealt into parts (persisted), and the pairs their blocks make per rule. */
    record Dealt(JavaRDD<Part> parts, Blocking.RuleCounts rules) {
    }

    /**
     * Deals the records of the large strata ({@code sizes}) into their parts: blocks gathered by hash (ids only), the
     * parts per stratum from their memberships (a number per stratum reaches the driver), then each record sent to the
     * parts of its shared blocks. The parts come back persisted.
     */
    static Dealt parts(JavaRDD<LinkRecord> records, Map<String, Integer> sizes,
                       Map<String, Map<Integer, Integer>> yearSizes, Blocking blocking, int splitAbove, int partitions) {
        JavaPairRDD<Block, IdList> blocks = records.mapPartitionsToPair(rows -> {
            Map<Block, IdList> out = new java.util.HashMap<>();
            while (rows.hasNext()) {
                LinkRecord r = rows.next();
                Map<Integer, Integer> years = yearSizes.getOrDefault(r.stratum(), Map.of());
                blocking.blockHashes(r, sizes.get(r.stratum()), year -> years.getOrDefault(year, 0),
                        (rule, h) -> out.computeIfAbsent(
                        new Block(r.stratum(), rule, h), k -> new IdList()).add(r.id(), r.birthYear()));
            }
            List<Tuple2<Block, IdList>> list = new ArrayList<>(out.size());
            out.forEach((k, v) -> list.add(new Tuple2<>(k, v)));
            return list.iterator();
        }).combineByKey(l -> l, IdList::addAll, IdList::addAll, new HashPartitioner(partitions), false, null)
                .filter(b -> b._2().size() > 1)
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            // the pairs per rule, for the cap, counted here where each block is whole (the parts need not band their
            // records twice)
            Blocking.RuleCounts rules = blocks.map(b -> Blocking.countBlock(b._1().rule(), sizes.get(b._1().stratum()),
                    b._2().years())).fold(Blocking.RuleCounts.none(), Blocking.RuleCounts::plus);
            Map<String, Integer> parts = new java.util.HashMap<>();
            blocks.mapToPair(b -> new Tuple2<>(b._1().stratum(), (long) b._2().size())).reduceByKey(Long::sum)
                    .collectAsMap().forEach((stratum, members) -> parts.put(stratum, parts(members, splitAbove)));
            JavaPairRDD<Long, Integer> routes = blocks.flatMapToPair(b -> {
                int part = partOf(b._1().hash(), parts.get(b._1().stratum()));
                long[] ids = b._2().values();
                List<Tuple2<Long, Integer>> out = new ArrayList<>(ids.length);
                for (long id : ids) {
                    out.add(new Tuple2<>(id, part));
                }
                return out.iterator();
            });
            JavaRDD<Part> dealt = records.mapToPair(r -> new Tuple2<>(r.id(), r)).cogroup(routes, partitions)
                    .mapPartitionsToPair(rows -> {
                        Map<PartKey, StratumRecords> out = new LinkedHashMap<>();
                        while (rows.hasNext()) {
                            Tuple2<Iterable<LinkRecord>, Iterable<Integer>> e = rows.next()._2();
                            java.util.Set<Integer> to = new java.util.TreeSet<>();
                            e._2().forEach(to::add);
                            for (LinkRecord r : e._1()) {
                                for (int part : to) {
                                    PartKey key = new PartKey(r.stratum(), part);
                                    StratumRecords held = out.get(key);
                                    if (held == null) {
                                        out.put(key, StratumRecords.of(r));
                                    } else {
                                        held.add(r);
                                    }
                                }
                            }
                        }
                        List<Tuple2<PartKey, StratumRecords>> list = new ArrayList<>(out.size());
                        out.forEach((k, v) -> list.add(new Tuple2<>(k, v)));
                        return list.iterator();
                    })
                    .combineByKey(p -> p, StratumRecords::addAll, StratumRecords::addAll, new HashPartitioner(partitions),
                            false, null)
                    .map(p -> {
                        int size = sizes.get(p._1().stratum());
                        return new Part(p._1(), size, new java.util.HashMap<>(yearSizes.getOrDefault(p._1().stratum(),
                                Map.of())), parts.get(p._1().stratum()), p._2().sortedById());
                    }).persist(StorageLevel.MEMORY_AND_DISK());
            dealt.count();
            return new Dealt(dealt, rules);
        } finally {
            blocks.unpersist(false);
        }
    }

    /**
     * The parts with their records' neighbourhoods counted over the whole stratum: each part's counts summed per record
     * and handed back to every part that holds the record.
     */
    static JavaRDD<PartCompared> summedNeighbours(JavaRDD<PartCompared> parts, int partitions) {
        JavaPairRDD<Long, Tuple2<PartKey, int[]>> held = parts.flatMapToPair(pc -> {
            LinkRecord[] r = pc.part().array();
            NameNeighbours n = pc.compared().neighbours();
            List<Tuple2<Long, Tuple2<PartKey, int[]>>> out = new ArrayList<>(r.length);
            for (int i = 0; i < r.length; i++) {
                out.add(new Tuple2<>(r[i].id(), new Tuple2<>(pc.part().key(), n.counts(i))));
            }
            return out.iterator();
        });
        JavaPairRDD<PartKey, Tuple2<Long, int[]>> back = held.groupByKey(partitions).flatMapToPair(e -> {
            int[] sum = new int[NameNeighbours.CELLS];
            List<PartKey> holders = new ArrayList<>();
            for (Tuple2<PartKey, int[]> h : e._2()) {
                holders.add(h._1());
                for (int c = 0; c < sum.length; c++) {
                    sum[c] += h._2()[c];
                }
            }
            List<Tuple2<PartKey, Tuple2<Long, int[]>>> out = new ArrayList<>(holders.size());
            if (!zero(sum)) {
                for (PartKey k : holders) {
                    out.add(new Tuple2<>(k, new Tuple2<>(e._1(), sum)));
                }
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
                    }).fold(StratumLinkage.noRandomPairs(), ProbabilisticLink::add);
        } finally {
            ids.destroy();
        }
    }

    /** Record ids (and, for blocks, birth years) as they are gathered. */
    static final class IdList implements Serializable {
        private static final long serialVersionUID = 1L;
        private long[] values = new long[2]; // most blocks of a large stratum have one member
        private int[] years;
        private int size;

        void add(long id) {
            room(1);
            values[size++] = id;
        }

        void add(long id, int year) {
            if (years == null) {
                years = new int[values.length];
            }
            room(1);
            years[size] = year;
            values[size++] = id;
        }

        IdList addAll(IdList other) {
            room(other.size);
            if (other.years != null) {
                if (years == null) {
                    years = new int[values.length];
                }
                System.arraycopy(other.years, 0, years, size, other.size);
            }
            System.arraycopy(other.values, 0, values, size, other.size);
            size += other.size;
            return this;
        }

        private void room(int more) {
            if (size + more > values.length) {
                values = Arrays.copyOf(values, Math.max(size + more, values.length * 2));
                if (years != null) {
                    years = Arrays.copyOf(years, values.length);
                }
            }
        }

        int[] years() {
            return Arrays.copyOf(years, size);
        }

        int size() {
            return size;
        }

        long[] values() {
            return Arrays.copyOf(values, size);
        }

        long[] sorted() {
            long[] out = Arrays.copyOf(values, size);
            Arrays.sort(out);
            return out;
        }
    }

    /** A part's pairs weighed: ids, weight, pattern, and whether they are one source's records of one incident. */
    record Weighed(long[] a, long[] b, double[] w, int[] patterns, boolean[] sameEvent) implements Serializable {

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
            return new Weighed(a, b, w, c.patterns(), same);
        }
    }

    /** What a stratum's scoring gathers: its parts' weighed pairs and its records' members (in runs sorted by id). */
    record Gathered(List<Weighed> pairs, List<StratumLinkage.Members> members) implements Serializable {
        Gathered plus(Gathered other) {
            return new Gathered(concat(pairs, other.pairs), concat(members, other.members));
        }
    }

    /**
     * Scores and clusters each large stratum from its parts' weighed pairs and its records' ids, sources and keys
     * ({@code records}: every record of the large strata once), gathered per stratum.
     */
    static JavaRDD<StratumLinkage.Scored> score(JavaRDD<PartCompared> parts, JavaRDD<StratumRecords> records,
                                                FellegiSunter model, Map<String, Double> share, double threshold,
                                                double matchesPerRecord, double[] alsoAt, int partitions) {
        JavaPairRDD<String, Gathered> pairs = parts.mapToPair(pc -> new Tuple2<>(pc.part().key().stratum(),
                new Gathered(List.of(Weighed.of(pc, model, share, matchesPerRecord)), List.of())));
        JavaPairRDD<String, Gathered> members = records.flatMapToPair(chunk -> {
            Map<String, List<LinkRecord>> byStratum = new LinkedHashMap<>();
            for (LinkRecord r : chunk.sortedById().records()) {
                byStratum.computeIfAbsent(r.stratum(), k -> new ArrayList<>()).add(r);
            }
            List<Tuple2<String, Gathered>> out = new ArrayList<>();
            byStratum.forEach((stratum, list) -> out.add(new Tuple2<>(stratum, new Gathered(List.of(),
                    List.of(StratumLinkage.Members.of(list.toArray(LinkRecord[]::new)))))));
            return out.iterator();
        });
        return pairs.union(members).reduceByKey(Gathered::plus, partitions)
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
    static StratumLinkage.Scored scoreGathered(String stratum, Gathered gathered, double threshold,
                                               double matchesPerRecord, double[] alsoAt) {
        StratumLinkage.Members members = members(stratum, gathered.members());
        long[] ids = members.ids();
        List<Weighed> parts = gathered.pairs();
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

    /** The stratum's members from their runs, each sorted by id, merged by id. */
    private static StratumLinkage.Members members(String stratum, List<StratumLinkage.Members> runs) {
        int n = runs.stream().mapToInt(g -> g.ids().length).sum();
        long[] ids = new long[n];
        String[] sources = new String[n];
        String[] keys = new String[n];
        int[] head = new int[runs.size()];
        for (int i = 0; i < n; i++) {
            int best = -1;
            for (int g = 0; g < runs.size(); g++) {
                if (head[g] < runs.get(g).ids().length
                        && (best < 0 || runs.get(g).ids()[head[g]] < runs.get(best).ids()[head[best]])) {
                    best = g;
                }
            }
            StratumLinkage.Members m = runs.get(best);
            ids[i] = m.ids()[head[best]];
            sources[i] = m.sources()[head[best]];
            keys[i] = m.recordKeys()[head[best]];
            head[best]++;
        }
        return new StratumLinkage.Members(stratum, ids, sources, keys);
    }
}
