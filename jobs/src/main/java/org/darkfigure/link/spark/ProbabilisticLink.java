package org.darkfigure.link.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.darkfigure.link.Blocking;
import org.darkfigure.link.FellegiSunter;
import org.darkfigure.link.LinkRecord;
import org.darkfigure.link.ModelTraining;
import org.darkfigure.link.StratumLinkage;
import org.darkfigure.link.StratumRecords;
import org.darkfigure.pseudonymise.BloomEncoding;

/**
 * Probabilistic record linkage and deduplication in Spark, on pseudonymised fields only:
 * <ol>
 *   <li>blocking within a stratum ({@link Blocking}) on the keyed linkage key, the date-of-birth hash, the
 *       document hash, and locality-sensitive hashing of the name Bloom encodings; the number of candidate
 *       pairs each rule makes is counted first and capped (an exploding rule is an error that names it);</li>
 *   <li>a comparison pattern per candidate pair ({@link org.darkfigure.link.Comparison}), counted per stratum
 *       and summed;</li>
 *   <li>the Fellegi–Sunter model fitted by EM on that count table, with u from random pairs;</li>
 *   <li>match weights (with a term-frequency adjustment for agreeing citizenship), pairs accepted at a
 *       posterior of 0.5 unless a threshold is given; pairs of one source in one incident are never
 *       linked (the guard against chains through an event);</li>
 *   <li>people from the accepted pairs, most probable first, never joining two groups across a pair that is
 *       confidently two people ({@link org.darkfigure.link.Clustering}), per stratum ({@link StratumLinkage}).</li>
 * </ol>
 */
public final class ProbabilisticLink {

    /**
     * Settings with defaults: threshold = posterior (NaN: 0.5), the candidate-pair cap per rule
     * ({@link #AUTOMATIC}: 200 pairs per record, at least 50 million), LSH bands, seed, and the stratum size above
     * which a stratum is linked in parts ({@link StratumParts}; {@link #SPLIT_ABOVE}).
     */
    public record Settings(double threshold, long maxCandidatePairs, int bands, int bitsPerBand, long seed,
                           int splitAbove) implements Serializable {

        public static Settings withDefaults() {
            return new Settings(Double.NaN, AUTOMATIC, 20, 16, org.darkfigure.manifest.RunParameters.DEFAULT_SEED,
                    SPLIT_ABOVE);
        }

        public Settings withThreshold(double value) {
            return new Settings(value, maxCandidatePairs, bands, bitsPerBand, seed, splitAbove);
        }

        public Settings withMaxCandidatePairs(long value) {
            return new Settings(threshold, value, bands, bitsPerBand, seed, splitAbove);
        }

        public Settings withSeed(long value) {
            return new Settings(threshold, maxCandidatePairs, bands, bitsPerBand, value, splitAbove);
        }

        public Settings withSplitAbove(int records) {
            if (records < 2) {
                throw new IllegalArgumentException("a stratum is split into parts of at least 2 records, not " + records);
            }
            return new Settings(threshold, maxCandidatePairs, bands, bitsPerBand, seed, records);
        }
    }

    /**
     * Strata of more records than this are linked in parts of about this many records ({@link StratumParts}, issue
     * 20). Linking in parts gives the same persons but costs far more: one stratum of 1 million records took 38.9 s
     * and 1 GB of heap whole, 661 s and 13.7 GB in parts of 250,000 (bench/linkage --one-stratum; each record is
     * copied into every part where it shares a block). So strata are linked whole as long as one task can hold them
     * (about 1 GB per million records), and in parts only beyond that.
     */
    public static final int SPLIT_ABOVE = 4_000_000;

    /** The cap that grows with the records: an exploding rule makes pairs with the square of a block. */
    public static final long AUTOMATIC = -1;

    static long cap(Settings settings, long records) {
        return settings.maxCandidatePairs() > 0 ? settings.maxCandidatePairs() : Math.max(50_000_000L, 200 * records);
    }

    /** The candidate-pair cap was exceeded by a blocking rule; the message names the rule and the numbers. */
    /**
     * The linkage model EM fitted is implausible (issue 16): refused, with what is wrong field by field, rather
     * than linking from it. The records may not hold enough identifying information for this linkage, or a field
     * may be filled with placeholders.
     */
    public static final class ImplausibleModelException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        public ImplausibleModelException(List<String> problems) {
            super("the linkage model fitted to these records is implausible, so nothing was linked: "
                    + String.join("; ", problems) + ". Check the fields named (placeholders such as 1 January, a column "
                    + "filled with one value, swapped columns) or link these records with a fixed threshold on fewer fields.");
        }
    }

    public static final class TooManyPairsException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        TooManyPairsException(String message) {
            super(message);
        }
    }

    /**
     * The linkage: cluster (person) of every record, the fitted model, the accepted-pair threshold as a
     * posterior, candidate pairs per rule, the scored pairs (record ids, pattern, weight) above a low
     * floor, and the weight histogram.
     */
    public record Result(int[] cluster, long[] recordIds, FellegiSunter model, double threshold,
                         Map<String, Long> pairsByRule, long candidatePairs, List<long[]> scoredPairs,
                         double[] scoredWeights, double[] scoredOdds, int[] scoredPatterns,
                         Map<Integer, Long> weightHistogram, List<List<String>> trainedBy, int[] unlikelyA,
                         int[] unlikelyB, double[] unlikelyOdds, double matchesPerRecord) {

        /** The match probability of scored pair i (its stratum's prior and its weight). */
        public double probability(int i) {
            return 1 / (1 + Math.pow(2, -scoredOdds[i]));
        }
    }

    /**
     * A linkage whose strata stay where they were scored (issue 20): each stratum's scored pairs and its people at the
     * chosen threshold and at each of {@code alsoAt} ({@link StratumLinkage.Scored}), persisted in Spark until
     * {@link #release}; the driver holds only the model and the summaries (records, pairs by rule, weight histogram).
     */
    public record Linkage(JavaRDD<StratumLinkage.Scored> strata, long records, FellegiSunter model, double threshold,
                          double[] alsoAt, Map<String, Long> pairsByRule, long candidatePairs,
                          Map<Integer, Long> weightHistogram, List<List<String>> trainedBy, double matchesPerRecord,
                          int strataInParts) {

        /** Frees the scored strata. */
        public void release() {
            strata.unpersist(false);
        }
    }

    /**
     * Links the records of {@code input} and brings the whole result to the driver: for evaluations and benchmarks,
     * whose sets fit in memory ({@link #link} keeps it in Spark). The input is as for {@link #link}.
     */
    public static Result run(Dataset<Row> input, Settings settings) {
        Linkage linkage = link(input, settings, new double[0]);
        try {
            return assemble((int) linkage.records(), linkage, linkage.strata().collect());
        } finally {
            linkage.release();
        }
    }

    /**
     * Links the records of {@code input}, which must have: rid (long, 0..n-1), stratum, source and the
     * optional columns linkage_key, lk_name_bf, lk_dob_hash, lk_doc_hash, birth_year, sex, citizenship,
     * day (days since epoch), incident; people are also built at each threshold of {@code alsoAt}.
     *
     * <p>Each stratum is linked where its records are (one task per stratum, nothing quadratic on the driver):
     * its pairs per blocking rule are counted first (the cap is checked over all strata before any pair is
     * made), then its candidate pairs are made and compared once and their comparison patterns counted; the model
     * is fitted on the driver from those counts and random pairs; then each stratum's pairs are scored and
     * clustered, and stay there.
     */
    public static Linkage link(Dataset<Row> input, Settings settings, double[] alsoAt) {
        Blocking blocking = new Blocking(settings.bands(), settings.bitsPerBand(), settings.seed());
        ToLinkRecord convert = new ToLinkRecord();
        int partitions = Math.max(1, input.sparkSession().sparkContext().defaultParallelism() * 4);
        // gathered by stratum within each input partition first, then shuffled without Spark's own map-side combine:
        // that combine re-estimates the size of everything gathered so far every tenth of its growth, walking the
        // records (a fifth of the 1M pipeline's link stage in stack samples, a tenth of the whole run)
        // the strata too large for one task, by their sizes (nothing per record reaches the driver)
        int splitAbove = settings.splitAbove();
        Map<String, Integer> large = new HashMap<>();
        for (Row r : input.groupBy("stratum").count().filter(org.apache.spark.sql.functions.col("count").gt(splitAbove))
                .collectAsList()) {
            large.put(r.getString(0), (int) r.getLong(1));
        }
        JavaRDD<LinkRecord> records = input.javaRDD().mapPartitions(convert::call);
        // the large strata's records, read once and kept (in chunks written field by field) for dealing them into parts,
        // their random pairs and their members
        JavaRDD<StratumRecords> largeChunks = large.isEmpty() ? null
                : records.filter(r -> large.containsKey(r.stratum())).mapPartitions(rows -> {
                    List<LinkRecord> chunk = new ArrayList<>();
                    rows.forEachRemaining(chunk::add);
                    return List.of(new StratumRecords(chunk.toArray(LinkRecord[]::new))).iterator();
                }).persist(StorageLevel.MEMORY_AND_DISK());
        JavaRDD<LinkRecord> largeRecords = large.isEmpty() ? null
                : largeChunks.flatMap(c -> java.util.Arrays.asList(c.records()).iterator());
        // and their records per birth year (the birth-year bands' bits: Blocking#yearBits)
        Map<String, Map<Integer, Integer>> largeYears = new HashMap<>();
        if (!large.isEmpty() && java.util.Arrays.asList(input.columns()).contains("birth_year")) {
            for (Row r : input.filter(org.apache.spark.sql.functions.col("stratum").isin(large.keySet().toArray()))
                    .filter(org.apache.spark.sql.functions.col("birth_year").isNotNull())
                    .groupBy("stratum", "birth_year").count().collectAsList()) {
                largeYears.computeIfAbsent(r.getString(0), k -> new HashMap<>())
                        .put(((Number) r.get(1)).intValue(), (int) r.getLong(2));
            }
        }
        StratumParts.Dealt dealt = large.isEmpty() ? null
                : StratumParts.parts(largeRecords, large, largeYears, blocking, splitAbove, partitions);
        JavaRDD<StratumParts.Part> parts = dealt == null ? null : dealt.parts();
        JavaRDD<StratumRecords> strata = (large.isEmpty() ? records : records.filter(r -> !large.containsKey(r.stratum())))
                .mapPartitionsToPair(ProbabilisticLink::byStratum)
                .combineByKey(group -> group, StratumRecords::addAll, StratumRecords::addAll,
                        new org.apache.spark.HashPartitioner(partitions), false, null)
                .map(group -> group._2().sortedById())
                .persist(StorageLevel.MEMORY_AND_DISK());
        JavaRDD<StratumLinkage.Compared> compared = null;
        JavaRDD<StratumParts.PartCompared> comparedParts = null;
        JavaRDD<StratumParts.PartCompared> summedParts = null;
        JavaRDD<StratumLinkage.Scored> scored = null;
        try {
            // one pass over the strata for what the cap and training need of them, one over the compared strata for
            // their counts: each pass reads every persisted stratum back
            Summary summary = strata.map(s -> Summary.of(s.records(), blocking)).fold(Summary.NONE, Summary::plus);
            if (parts != null) {
                summary = summary.plus(largeChunks.map(c -> Summary.ofRecords(c.records())).fold(Summary.NONE, Summary::plus))
                        .plus(new Summary(0, dealt.rules(), Map.of(),
                                large.values().stream().mapToInt(Integer::intValue).toArray()));
            }
            long n = summary.records();
            Blocking.RuleCounts counts = summary.rules();
            Map<String, Long> pairsByRule = new LinkedHashMap<>();
            for (int r = 0; r < Blocking.RULES.size(); r++) {
                String rule = Blocking.RULES.get(r);
                pairsByRule.put(rule, counts.pairs()[r]);
                if (counts.pairs()[r] > cap(settings, n)) {
                    throw new TooManyPairsException("blocking rule " + rule + " would compare " + counts.pairs()[r]
                            + " pairs of " + n + " records (largest block: " + counts.largest()[r] + " records), more than "
                            + "the cap of " + cap(settings, n) + "; the rule is not selective for these data: check for a "
                            + "constant value in " + rule + " or raise the cap (run parameter maxCandidatePairs)");
                }
            }
            long seed = settings.seed();
            Map<String, Long> citizenship = summary.citizenship();
            int[] sizes = summary.sizes().clone();
            java.util.Arrays.sort(sizes); // the fold meets the strata in the order tasks end: sorted, one run is one result
            compared = strata.map(s -> StratumLinkage.Compared.of(s.records(), blocking))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            Counted counted = compared.map(c -> Counted.of(c, n, seed)).fold(Counted.NONE, Counted::plus);
            if (parts != null) {
                comparedParts = parts.map(p -> p.compare(blocking)).persist(StorageLevel.MEMORY_AND_DISK());
                Map<String, Integer> samples = new HashMap<>();
                large.forEach((stratum, size) -> samples.put(stratum, samples(size, n)));
                counted = counted.plus(new Counted(Map.of(), List.of(), StratumParts.randomPairCounts(largeRecords,
                        samples, seed, partitions)));
                parts.unpersist(false); // the compared parts hold the records from here on
                summedParts = StratumParts.summedNeighbours(comparedParts, partitions)
                        .persist(StorageLevel.MEMORY_AND_DISK());
                // counted once the parts hold their records' neighbourhoods over the whole stratum: training picks its
                // rare names by them (ModelTraining), as it does in a stratum linked whole
                counted = counted.plus(summedParts.map(Counted::of).fold(Counted.NONE, Counted::plus));
                comparedParts.unpersist(false);
            }
            double[][] uCounts = counted.randomPairs();
            Map<Integer, Long> patterns = counted.patterns();
            List<Map<Integer, Long>> sessions = counted.sessions();
            long candidatePairs = patterns.values().stream().mapToLong(Long::longValue).sum();
            strata.unpersist(false); // the compared strata hold the records from here on
            ModelTraining.Trained trained = ModelTraining.train(sessions, uCounts, patterns, sizes);
            FellegiSunter model = trained.model();
            List<String> implausible = model.implausibilities(patterns);
            if (!implausible.isEmpty()) {
                throw new ImplausibleModelException(implausible);
            }
            HashMap<String, Double> share = new HashMap<>();
            citizenship.forEach((k, v) -> share.put(k, (double) v / n));
            double threshold = Double.isNaN(settings.threshold()) ? 0.5 : settings.threshold();
            double matchesPerRecord = trained.matchesPerRecord();
            double[] also = alsoAt.clone();
            scored = compared.map(c -> StratumLinkage.score(c, model, share, threshold, matchesPerRecord, also));
            if (summedParts != null) {
                scored = scored.union(StratumParts.score(summedParts, largeChunks, model, share, threshold,
                        matchesPerRecord, also, partitions));
            }
            scored = scored.persist(StorageLevel.MEMORY_AND_DISK());
            // summed in stratum order, not in the order tasks finish: the same run reports the same lambda to the last bit
            double matches = scored.map(StratumLinkage.Scored::matches).collect().stream()
                    .mapToDouble(Double::doubleValue).sum();
            Map<Integer, Long> histogram = new TreeMap<>(scored.map(StratumLinkage.Scored::histogram)
                    .fold(new HashMap<>(), ProbabilisticLink::merge));
            // the model's lambda is reported as the share of the candidate pairs that are matches
            FellegiSunter reported = new FellegiSunter(candidatePairs == 0 ? 0 : matches / candidatePairs, model.m(),
                    model.u(), model.iterations());
            Linkage linkage = new Linkage(scored, n, reported, threshold, also, pairsByRule, candidatePairs, histogram,
                    trained.trainedBy(), matchesPerRecord, large.size());
            scored = null;
            return linkage;
        } finally {
            strata.unpersist(false);
            for (JavaRDD<?> rdd : java.util.Arrays.asList(compared, largeChunks, parts, comparedParts, summedParts)) {
                if (rdd != null) {
                    rdd.unpersist(false);
                }
            }
            if (scored != null) {
                scored.unpersist(false);
            }
        }
    }

    /** The random pairs a stratum of {@code size} of the linkage's {@code records} draws for u. */
    private static int samples(int size, long records) {
        return (int) Math.ceil(RANDOM_PAIRS * (double) size / Math.max(1, records));
    }

    private static Iterator<scala.Tuple2<String, StratumRecords>> byStratum(Iterator<LinkRecord> records) {
        Map<String, StratumRecords> groups = new LinkedHashMap<>();
        while (records.hasNext()) {
            LinkRecord r = records.next();
            StratumRecords group = groups.get(r.stratum());
            if (group == null) {
                groups.put(r.stratum(), StratumRecords.of(r));
            } else {
                group.add(r);
            }
        }
        List<scala.Tuple2<String, StratumRecords>> out = new ArrayList<>(groups.size());
        groups.forEach((stratum, group) -> out.add(new scala.Tuple2<>(stratum, group)));
        return out.iterator();
    }

    /** Random pairs for u over all strata (each stratum samples its share). */
    private static final int RANDOM_PAIRS = 200_000;

    /** What the cap and training need of the strata: records, pairs by blocking rule, citizenships, sizes. */
    record Summary(long records, Blocking.RuleCounts rules, Map<String, Long> citizenship, int[] sizes)
            implements Serializable {
        static final Summary NONE = new Summary(0, Blocking.RuleCounts.none(), Map.of(), new int[0]);

        static Summary of(LinkRecord[] records, Blocking blocking) {
            return new Summary(records.length, blocking.count(records), citizenshipCounts(records),
                    new int[] {records.length});
        }

        /** Records and citizenships of some of a large stratum's records (its size is added once, by the driver). */
        static Summary ofRecords(LinkRecord[] records) {
            return new Summary(records.length, Blocking.RuleCounts.none(), citizenshipCounts(records), new int[0]);
        }

        Summary plus(Summary other) {
            int[] both = java.util.Arrays.copyOf(sizes, sizes.length + other.sizes.length);
            System.arraycopy(other.sizes, 0, both, sizes.length, other.sizes.length);
            return new Summary(records + other.records, rules.plus(other.rules), merge(citizenship, other.citizenship),
                    both);
        }
    }

    /**
     * What the model is fitted from, counted over the compared strata: the candidates' comparison patterns, the
     * training sessions' counts, and the random pairs' levels (each stratum draws its share of {@link #RANDOM_PAIRS}).
     */
    record Counted(Map<Integer, Long> patterns, List<Map<Integer, Long>> sessions, double[][] randomPairs)
            implements Serializable {
        static final Counted NONE = new Counted(Map.of(), List.of(), StratumLinkage.noRandomPairs());

        static Counted of(StratumLinkage.Compared c, long records, long seed) {
            LinkRecord[] s = c.records();
            return new Counted(c.patternCounts(), ModelTraining.counts(c), StratumLinkage.randomPairCounts(s,
                    samples(s.length, records), seed ^ s[0].id()));
        }

        /** A part's pattern and session counts (its stratum's random pairs are drawn apart: {@link StratumParts}). */
        static Counted of(StratumParts.PartCompared part) {
            StratumLinkage.Compared c = part.compared();
            return new Counted(c.patternCounts(), ModelTraining.counts(c), StratumLinkage.noRandomPairs());
        }

        Counted plus(Counted other) {
            return new Counted(merge(patterns, other.patterns), ModelTraining.plus(sessions, other.sessions),
                    add(randomPairs, other.randomPairs));
        }
    }

    private static Result assemble(int n, Linkage linkage, List<StratumLinkage.Scored> strata) {
        int[] cluster = new int[n];
        long[] ids = new long[n];
        List<long[]> pairs = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        List<Double> odds = new ArrayList<>();
        List<Integer> patterns = new ArrayList<>();
        int unlikely = strata.stream().mapToInt(s -> s.unlikelyA().length).sum();
        int[] unlikelyA = new int[unlikely];
        int[] unlikelyB = new int[unlikely];
        double[] unlikelyOdds = new double[unlikely];
        int at = 0;
        for (StratumLinkage.Scored s : strata) {
            for (int i = 0; i < s.ids().length; i++) {
                cluster[(int) s.ids()[i]] = (int) s.clusters()[i];
            }
            for (int i = 0; i < s.pairA().length; i++) {
                pairs.add(new long[] {s.pairA()[i], s.pairB()[i]});
                weights.add(s.weights()[i]);
                odds.add(s.odds()[i]);
                patterns.add(s.patterns()[i]);
            }
            for (int i = 0; i < s.unlikelyA().length; i++) {
                unlikelyA[at] = (int) s.unlikelyA()[i];
                unlikelyB[at] = (int) s.unlikelyB()[i];
                unlikelyOdds[at++] = s.unlikelyOdds()[i];
            }
        }
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        return new Result(cluster, ids, linkage.model(), linkage.threshold(), linkage.pairsByRule(),
                linkage.candidatePairs(), pairs,
                weights.stream().mapToDouble(Double::doubleValue).toArray(),
                odds.stream().mapToDouble(Double::doubleValue).toArray(),
                patterns.stream().mapToInt(Integer::intValue).toArray(), linkage.weightHistogram(), linkage.trainedBy(),
                unlikelyA, unlikelyB, unlikelyOdds, linkage.matchesPerRecord());
    }

    /** Sums two level-count tables (random pairs). */
    static double[][] add(double[][] a, double[][] b) {
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
     * Sums two count maps into a sorted one: the model is fitted by sums over these counts, and a hash map's order
     * depends on how the maps were merged (the order tasks end, the strata whole or in parts), which moved the
     * fitted m in its last bit.
     */
    private static <K> Map<K, Long> merge(Map<K, Long> a, Map<K, Long> b) {
        Map<K, Long> sum = new TreeMap<>(a);
        b.forEach((k, v) -> sum.merge(k, v, Long::sum));
        return sum;
    }

    private static Map<String, Long> citizenshipCounts(LinkRecord[] records) {
        Map<String, Long> counts = new HashMap<>();
        for (LinkRecord r : records) {
            if (r.citizenship() != null) {
                counts.merge(r.citizenship(), 1L, Long::sum);
            }
        }
        return counts;
    }

    /** Rows of the input as {@link LinkRecord}s. */
    static final class ToLinkRecord implements MapPartitionsFunction<Row, LinkRecord> {
        private static final long serialVersionUID = 1L;

        @Override
        public Iterator<LinkRecord> call(Iterator<Row> rows) {
            List<LinkRecord> out = new ArrayList<>();
            Fields f = null;
            while (rows.hasNext()) {
                Row r = rows.next();
                if (f == null) {
                    f = new Fields(r.schema().fieldNames()); // looked up once per partition, not per row and field
                }
                out.add(new LinkRecord(r.getLong(f.at("rid")), r.getString(f.at("stratum")),
                        f.string(r, "source"), f.string(r, "linkage_key"),
                        f.has(r, "lk_name_bf") ? BloomEncoding.words(f.string(r, "lk_name_bf")) : null,
                        f.string(r, "lk_name_ph"), f.string(r, "lk_dob_hash"), LinkRecord.variants(f.string(r, "lk_dob_var")),
                        f.string(r, "lk_doc_hash"), f.has(r, "lk_doc_bf") ? BloomEncoding.words(f.string(r, "lk_doc_bf")) : null,
                        f.integer(r, "birth_year"), f.string(r, "sex"),
                        f.string(r, "citizenship"), f.integer(r, "day"), f.string(r, "incident"),
                        f.string(r, "record_key")));
            }
            return out.iterator();
        }

        /** Where each column is in the rows (-1: absent). */
        private static final class Fields {
            private final Map<String, Integer> index = new HashMap<>();

            Fields(String[] names) {
                for (int i = 0; i < names.length; i++) {
                    index.put(names[i], i);
                }
            }

            int at(String name) {
                return index.getOrDefault(name, -1);
            }

            boolean has(Row r, String name) {
                int i = at(name);
                return i >= 0 && !r.isNullAt(i);
            }

            String string(Row r, String name) {
                return has(r, name) ? r.get(at(name)).toString() : null;
            }

            int integer(Row r, String name) {
                return has(r, name) ? ((Number) r.get(at(name))).intValue() : -1;
            }
        }
    }
}
