package org.darkfigure.link.spark;

import static org.apache.spark.sql.functions.col;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.darkfigure.link.Comparison;
import org.darkfigure.link.FellegiSunter;
import org.darkfigure.link.LinkRecord;
import org.darkfigure.link.UnionFind;
import org.darkfigure.pseudonymise.BloomEncoding;

/**
 * Probabilistic record linkage and deduplication in Spark, on pseudonymised fields only:
 * <ol>
 *   <li>blocking within a stratum on the keyed linkage key, the date-of-birth hash, the document hash,
 *       and locality-sensitive hashing of the name Bloom encodings (bands of bit positions); the number
 *       of candidate pairs each rule makes is counted first and capped (an exploding rule is an error
 *       that names it);</li>
 *   <li>a comparison pattern per candidate pair ({@link Comparison}); Spark counts the patterns;</li>
 *   <li>the Fellegi–Sunter model fitted by EM on that count table, with u from random pairs;</li>
 *   <li>match weights (with a term-frequency adjustment for agreeing citizenship), pairs accepted at a
 *       posterior of 0.5 unless a threshold is given; pairs of one source in one incident are never
 *       linked (the guard against chains through an event);</li>
 *   <li>clusters as connected components (union-find on the driver over the accepted pairs).</li>
 * </ol>
 */
public final class ProbabilisticLink {

    /** Settings with defaults: threshold = posterior (NaN: 0.5), the candidate-pair cap, LSH bands. */
    public record Settings(double threshold, long maxCandidatePairs, int bands, int bitsPerBand, long seed)
            implements Serializable {

        public static Settings withDefaults() {
            return new Settings(Double.NaN, 200_000_000L, 20, 16, 20261128L);
        }

        public Settings withThreshold(double value) {
            return new Settings(value, maxCandidatePairs, bands, bitsPerBand, seed);
        }

        public Settings withMaxCandidatePairs(long value) {
            return new Settings(threshold, value, bands, bitsPerBand, seed);
        }

        public Settings withSeed(long value) {
            return new Settings(threshold, maxCandidatePairs, bands, bitsPerBand, value);
        }
    }

    /** The candidate-pair cap was exceeded by a blocking rule; the message names the rule and the numbers. */
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
                         double[] scoredWeights, int[] scoredPatterns, Map<Integer, Long> weightHistogram) {
    }

    /**
     * Links the records of {@code input}, which must have: rid (long, 0..n-1), stratum, source and the
     * optional columns linkage_key, lk_name_bf, lk_dob_hash, lk_doc_hash, birth_year, sex, citizenship,
     * day (days since epoch), incident.
     */
    public static Result run(Dataset<Row> input, Settings settings) {
        Dataset<Row> records = input.cache();
        int n = (int) records.count();
        Map<String, Long> pairsByRule = new LinkedHashMap<>();
        List<Dataset<Row>> candidates = new ArrayList<>();
        for (String rule : List.of("linkage_key", "lk_dob_hash", "lk_doc_hash")) {
            if (List.of(records.columns()).contains(rule)) {
                Dataset<Row> keyed = records.filter(col(rule).isNotNull().and(col(rule).notEqual("")))
                        .select(col("stratum"), col(rule).as("block"), col("rid"));
                candidates.add(pairs(keyed, rule, settings, pairsByRule));
            }
        }
        if (List.of(records.columns()).contains("lk_name_bf")) {
            Dataset<Row> banded = records.filter(col("lk_name_bf").isNotNull().and(col("lk_name_bf").notEqual("")))
                    .select(col("stratum"), col("rid"), col("lk_name_bf"))
                    .mapPartitions(new BandKeys(settings), org.apache.spark.sql.Encoders.row(
                            new StructType().add("stratum", DataTypes.StringType).add("rid", DataTypes.LongType)
                                    .add("block", DataTypes.StringType)))
                    .select(col("stratum"), col("block"), col("rid"));
            candidates.add(pairs(banded, "name_lsh", settings, pairsByRule));
        }
        // the rules' pairs overlap: they are made unique on the driver (a sort of packed ints beats a shuffle)
        Dataset<Row> pairs = candidates.stream().reduce(Dataset::union).orElseThrow();
        LinkRecord[] byId = new LinkRecord[n];
        ToLinkRecord convert = new ToLinkRecord();
        convert.call(records.collectAsList().iterator()).forEachRemaining(r -> byId[(int) r.id()] = r);
        // pattern counts of the candidate pairs (the table EM works on)
        int[][] pairList = unique(collectPairs(pairs));
        long candidatePairs = pairList[0].length;
        int[] left = pairList[0];
        int[] right = pairList[1];
        int[] patterns = java.util.stream.IntStream.range(0, left.length).parallel()
                .map(i -> Comparison.pattern(byId[left[i]], byId[right[i]])).toArray();
        Map<Integer, Long> counts = new HashMap<>();
        for (int p : patterns) {
            counts.merge(p, 1L, Long::sum);
        }
        FellegiSunter model = FellegiSunter.fit(counts, randomPairU(byId, settings.seed()), false, 500);
        Map<String, Double> citizenshipShare = shares(byId);
        double threshold = Double.isNaN(settings.threshold()) ? 0.5 : settings.threshold();
        double priorBits = Math.log(model.lambda() / (1 - model.lambda())) / Math.log(2);

        UnionFind clusters = new UnionFind(n);
        List<long[]> scored = new ArrayList<>();
        List<Double> scoredW = new ArrayList<>();
        List<Integer> scoredP = new ArrayList<>();
        Map<Integer, Long> histogram = new java.util.TreeMap<>();
        for (int i = 0; i < left.length; i++) {
            long[] p = {left[i], right[i]};
            LinkRecord a = byId[left[i]];
            LinkRecord b = byId[right[i]];
            double w = model.weight(patterns[i]) + termFrequency(model, patterns[i], a, b, citizenshipShare);
            histogram.merge((int) Math.floor(w), 1L, Long::sum);
            boolean sameEvent = a.source().equals(b.source()) && a.incident() != null && a.incident().equals(b.incident());
            double posterior = 1 / (1 + Math.pow(2, -(priorBits + w)));
            if (posterior >= threshold && !sameEvent) {
                clusters.union((int) p[0], (int) p[1]);
            }
            if (posterior >= 0.01) {
                scored.add(p);
                scoredW.add(w);
                scoredP.add(patterns[i]);
            }
        }
        int[] cluster = new int[n];
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            cluster[i] = clusters.find(i);
            ids[i] = i;
        }
        records.unpersist();
        return new Result(cluster, ids, model, threshold, pairsByRule, candidatePairs, scored,
                scoredW.stream().mapToDouble(Double::doubleValue).toArray(),
                scoredP.stream().mapToInt(Integer::intValue).toArray(), histogram);
    }

    /** Distinct (a, b) pairs, sorted. */
    private static int[][] unique(int[][] pairs) {
        long[] packed = new long[pairs[0].length];
        for (int i = 0; i < packed.length; i++) {
            packed[i] = ((long) pairs[0][i] << 32) | (pairs[1][i] & 0xffffffffL);
        }
        java.util.Arrays.parallelSort(packed);
        int distinct = 0;
        for (int i = 0; i < packed.length; i++) {
            if (i == 0 || packed[i] != packed[i - 1]) {
                packed[distinct++] = packed[i];
            }
        }
        int[] a = new int[distinct];
        int[] b = new int[distinct];
        for (int i = 0; i < distinct; i++) {
            a[i] = (int) (packed[i] >>> 32);
            b[i] = (int) packed[i];
        }
        return new int[][] {a, b};
    }

    /**
     * The candidate pairs on the driver, gathered as one packed array per partition rather than one Row
     * per pair (tens of millions of small objects would cost more than the comparisons).
     */
    private static int[][] collectPairs(Dataset<Row> pairs) {
        List<Row> packed = pairs.mapPartitions((MapPartitionsFunction<Row, Row>) rows -> {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(1 << 20);
            List<Row> out = new ArrayList<>();
            while (rows.hasNext()) {
                Row r = rows.next();
                if (buffer.remaining() < 8) {
                    out.add(RowFactory.create((Object) java.util.Arrays.copyOf(buffer.array(), buffer.position())));
                    buffer.clear();
                }
                buffer.putInt((int) r.getLong(0)).putInt((int) r.getLong(1));
            }
            if (buffer.position() > 0) {
                out.add(RowFactory.create((Object) java.util.Arrays.copyOf(buffer.array(), buffer.position())));
            }
            return out.iterator();
        }, Encoders.row(new StructType().add("pairs", DataTypes.BinaryType))).collectAsList();
        int total = 0;
        for (Row r : packed) {
            total += ((byte[]) r.get(0)).length / 8;
        }
        int[] a = new int[total];
        int[] b = new int[total];
        int at = 0;
        for (Row r : packed) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap((byte[]) r.get(0));
            while (buffer.remaining() >= 8) {
                a[at] = buffer.getInt();
                b[at++] = buffer.getInt();
            }
        }
        return new int[][] {a, b};
    }

    /** Pairs of one blocking rule within strata, after checking the rule cannot explode. */
    private static Dataset<Row> pairs(Dataset<Row> keyed, String rule, Settings settings, Map<String, Long> pairsByRule) {
        Row sizes = keyed.groupBy(col("stratum"), col("block")).count()
                .selectExpr("sum(count * (count - 1) / 2) AS pairs", "max(count) AS largest").first();
        long pairCount = sizes.isNullAt(0) ? 0 : (long) sizes.getDouble(0);
        long largest = sizes.isNullAt(1) ? 0 : sizes.getLong(1);
        pairsByRule.put(rule, pairCount);
        if (pairCount > settings.maxCandidatePairs()) {
            throw new TooManyPairsException("blocking rule " + rule + " would compare " + pairCount
                    + " pairs (largest block: " + largest + " records), more than the cap of " + settings.maxCandidatePairs()
                    + "; the rule is not selective for these data: check for a constant value in " + rule
                    + " or raise the cap (darkfigure.link.maxCandidatePairs)");
        }
        Dataset<Row> left = keyed.toDF("stratum", "block", "a");
        Dataset<Row> right = keyed.toDF("stratum", "block", "b");
        return left.join(right, new String[] {"stratum", "block"}).filter(col("a").lt(col("b"))).select("a", "b");
    }

    /** Band keys of the name encodings: band index plus the bits at the band's (seeded) positions. */
    static final class BandKeys implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final int[][] positions;

        BandKeys(Settings settings) {
            SplittableRandom random = new SplittableRandom(settings.seed());
            positions = new int[settings.bands()][settings.bitsPerBand()];
            for (int[] band : positions) {
                for (int i = 0; i < band.length; i++) {
                    band[i] = random.nextInt(BloomEncoding.LENGTH);
                }
            }
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            List<Row> out = new ArrayList<>();
            while (rows.hasNext()) {
                Row r = rows.next();
                BitSet bits = BloomEncoding.decode(r.getString(2));
                for (int b = 0; b < positions.length; b++) {
                    StringBuilder key = new StringBuilder().append(b).append(':');
                    for (int pos : positions[b]) {
                        key.append(bits.get(pos) ? '1' : '0');
                    }
                    out.add(RowFactory.create(r.getString(0), r.getLong(1), key.toString()));
                }
            }
            return out.iterator();
        }
    }

    /** Rows of the input as {@link LinkRecord}s. */
    static final class ToLinkRecord implements MapPartitionsFunction<Row, LinkRecord> {
        private static final long serialVersionUID = 1L;

        @Override
        public Iterator<LinkRecord> call(Iterator<Row> rows) {
            List<LinkRecord> out = new ArrayList<>();
            while (rows.hasNext()) {
                Row r = rows.next();
                out.add(new LinkRecord(r.getLong(r.fieldIndex("rid")), r.getString(r.fieldIndex("stratum")),
                        string(r, "source"), string(r, "linkage_key"),
                        has(r, "lk_name_bf") ? BloomEncoding.words(string(r, "lk_name_bf")) : null,
                        string(r, "lk_dob_hash"), has(r, "lk_dob_bf") ? BloomEncoding.words(string(r, "lk_dob_bf")) : null,
                        string(r, "lk_doc_hash"), has(r, "lk_doc_bf") ? BloomEncoding.words(string(r, "lk_doc_bf")) : null,
                        integer(r, "birth_year"), string(r, "sex"),
                        string(r, "citizenship"), integer(r, "day"), string(r, "incident")));
            }
            return out.iterator();
        }

        private static boolean has(Row r, String name) {
            return List.of(r.schema().fieldNames()).contains(name) && !r.isNullAt(r.fieldIndex(name));
        }

        private static String string(Row r, String name) {
            return has(r, name) ? r.get(r.fieldIndex(name)).toString() : null;
        }

        private static int integer(Row r, String name) {
            return has(r, name) ? ((Number) r.get(r.fieldIndex(name))).intValue() : -1;
        }
    }

    /** u from pairs of random records (nearly all non-matches), 200,000 pairs at most. */
    static double[][] randomPairU(LinkRecord[] records, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Comparison.Field> fields = Comparison.FIELDS;
        double[][] u = new double[fields.size()][];
        for (int k = 0; k < fields.size(); k++) {
            u[k] = new double[fields.get(k).size()];
        }
        if (records.length < 2) {
            for (double[] row : u) {
                java.util.Arrays.fill(row, 1, row.length, 1.0 / (row.length - 1));
            }
            return u;
        }
        for (int i = 0; i < 200_000; i++) {
            LinkRecord a = records[random.nextInt(records.length)];
            LinkRecord b = records[random.nextInt(records.length)];
            if (a == b) {
                continue;
            }
            int p = Comparison.pattern(a, b);
            for (int k = 0; k < fields.size(); k++) {
                int l = Comparison.level(p, k);
                if (l > 0) {
                    u[k][l]++;
                }
            }
        }
        for (double[] row : u) {
            double sum = 0;
            for (int l = 1; l < row.length; l++) {
                row[l] += 0.5; // a random pair never agreeing on a key still gets a small u
                sum += row[l];
            }
            for (int l = 1; l < row.length; l++) {
                row[l] /= sum;
            }
        }
        return u;
    }

    private static Map<String, Double> shares(LinkRecord[] records) {
        Map<String, Double> counts = new HashMap<>();
        for (LinkRecord r : records) {
            if (r.citizenship() != null) {
                counts.merge(r.citizenship(), 1.0, Double::sum);
            }
        }
        counts.replaceAll((k, v) -> v / records.length);
        return counts;
    }

    /**
     * Term-frequency adjustment (as in Splink): agreeing on a common citizenship is weaker evidence than
     * agreeing on a rare one; the weight's u for "same citizenship" is replaced by the value's share.
     */
    static double termFrequency(FellegiSunter model, int pattern, LinkRecord a, LinkRecord b, Map<String, Double> share) {
        int field = 6;
        if (Comparison.level(pattern, field) != 1) {
            return 0;
        }
        Double s = share.get(a.citizenship());
        if (s == null || s <= 0) {
            return 0;
        }
        return Math.log(model.u()[field][1] / s) / Math.log(2);
    }
}
