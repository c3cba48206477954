package org.darkfigure.link.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.darkfigure.link.Clustering;
import org.darkfigure.link.Comparison;
import org.darkfigure.link.FellegiSunter;
import org.darkfigure.link.UnionFind;
import org.darkfigure.manifest.RunParameters;
import org.darkfigure.manifest.StageReport;
import org.darkfigure.spark.StageContext;
import org.darkfigure.spark.Staged;

/**
 * The link stage: within-source deduplication and cross-source linkage of one record type's
 * harmonised records at once (all pairs within a stratum, country x year), by {@link ProbabilisticLink};
 * then persons with their list memberships, the pairs a statistician may review with their weights
 * explained field by field, and the fitted model. People can be rebuilt at other thresholds, which is
 * how linkage uncertainty reaches the estimates.
 */
public final class LinkStage {

    public static final String PERSON_ID = "person_id";
    public static final String SOURCES = "sources";
    public static final String RECORDS = "records";
    public static final String RECORD_KEY = "_record_key";

    public static final StructType PERSONS = new StructType()
            .add("reporting_country", DataTypes.StringType, false)
            .add(org.darkfigure.spark.Columns.YEAR, DataTypes.IntegerType, false)
            .add(PERSON_ID, DataTypes.StringType, false)
            .add(SOURCES, DataTypes.createArrayType(DataTypes.StringType, false), false)
            .add(RECORDS, DataTypes.LongType, false);

    /** Record (submission id:record id) -> person. */
    public static final StructType MEMBERSHIPS = new StructType()
            .add(RECORD_KEY, DataTypes.StringType, false)
            .add(PERSON_ID, DataTypes.StringType, false);

    public static final StructType PAIRS = new StructType()
            .add("record_a", DataTypes.StringType, false)
            .add("record_b", DataTypes.StringType, false)
            .add("levels", DataTypes.createArrayType(DataTypes.StringType, false), false)
            .add("field_weights", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
            .add("weight", DataTypes.DoubleType, false)
            .add("probability", DataTypes.DoubleType, false)
            .add("accepted", DataTypes.BooleanType, false);

    private LinkStage() {
    }

    /** A linkage with what the records are, so that persons can be built at any threshold. */
    public record Linked(ProbabilisticLink.Result result, String[] country, int[] year, String[] source,
                         String[] recordKey, String[] incident) {

        public FellegiSunter model() {
            return result.model();
        }

        /** Persons at a match-probability threshold (the model's own is {@code result().threshold()}). */
        public List<Row> persons(double threshold) {
            List<Row> rows = new ArrayList<>();
            for (List<Integer> m : clusters(threshold)) {
                TreeSet<String> sources = new TreeSet<>();
                for (int i : m) {
                    sources.add(source[i]);
                }
                int r = m.get(0);
                rows.add(RowFactory.create(country[r], year[r], personId(m),
                        scala.jdk.javaapi.CollectionConverters.asScala(new ArrayList<>(sources)).toSeq(), (long) m.size()));
            }
            return rows;
        }

        /** Which person each record is at a threshold: rows of {@link #MEMBERSHIPS}. */
        public List<Row> memberships(double threshold) {
            List<Row> rows = new ArrayList<>(country.length);
            for (List<Integer> m : clusters(threshold)) {
                String person = personId(m);
                for (int i : m) {
                    rows.add(RowFactory.create(recordKey[i], person));
                }
            }
            return rows;
        }

        /** A person's id: named after its first record, so the same people get the same ids in every run. */
        private String personId(List<Integer> members) {
            String first = null;
            for (int i : members) {
                if (first == null || recordKey[i].compareTo(first) < 0) {
                    first = recordKey[i];
                }
            }
            int r = members.get(0);
            return LinkStage.personId(country[r] + "|" + year[r] + "|" + first);
        }

        private java.util.Collection<List<Integer>> clusters(double threshold) {
            int n = country.length;
            List<long[]> pairs = result.scoredPairs();
            int scored = pairs.size();
            int unlikely = result.unlikelyA().length;
            int[] a = new int[scored + unlikely];
            int[] b = new int[scored + unlikely];
            double[] odds = new double[scored + unlikely];
            for (int i = 0; i < scored; i++) {
                a[i] = (int) pairs.get(i)[0];
                b[i] = (int) pairs.get(i)[1];
                boolean sameEvent = source[a[i]].equals(source[b[i]]) && incident[a[i]] != null
                        && incident[a[i]].equals(incident[b[i]]);
                odds[i] = sameEvent ? Clustering.NEVER : result.scoredOdds()[i];
            }
            System.arraycopy(result.unlikelyA(), 0, a, scored, unlikely);
            System.arraycopy(result.unlikelyB(), 0, b, scored, unlikely);
            System.arraycopy(result.unlikelyOdds(), 0, odds, scored, unlikely);
            UnionFind clusters = Clustering.of(n, a, b, odds, threshold);
            Map<Integer, List<Integer>> members = new HashMap<>();
            for (int i = 0; i < n; i++) {
                members.computeIfAbsent(clusters.find(i), k -> new ArrayList<>()).add(i);
            }
            return members.values();
        }

        /** Scored pairs with each field's level and weight: why a pair scores what it scores. */
        public List<Row> pairs() {
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < result.scoredPairs().size(); i++) {
                int a = (int) result.scoredPairs().get(i)[0];
                int b = (int) result.scoredPairs().get(i)[1];
                int pattern = result.scoredPatterns()[i];
                List<String> levels = new ArrayList<>();
                List<Double> weights = new ArrayList<>();
                for (int k = 0; k < Comparison.FIELDS.size(); k++) {
                    int l = Comparison.level(pattern, k);
                    levels.add(Comparison.FIELDS.get(k).name() + ": " + Comparison.FIELDS.get(k).levels().get(l));
                    weights.add(l == 0 ? 0.0 : Math.log(model().m()[k][l] / model().u()[k][l]) / Math.log(2));
                }
                double w = result.scoredWeights()[i];
                double probability = result.probability(i);
                rows.add(RowFactory.create(recordKey[a], recordKey[b], seq(levels), seq(weights), w, probability,
                        probability >= result.threshold()));
            }
            return rows;
        }

        /** The fitted model and the linkage's numbers, as JSON for the release. */
        public byte[] modelJson() {
            try {
                ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                ObjectNode root = json.createObjectNode();
                root.put("matchProportion", model().lambda());
                root.put("matchProportionMeaning", "share of the candidate pairs that are one person; u is from random "
                        + "pairs, m from EM on the pairs of one blocking rule at a time (mTrainedOn; empty: EM over all "
                        + "candidate pairs)");
                root.put("threshold", result.threshold());
                root.put("thresholdMeaning", "pairs with match probability >= threshold are linked");
                root.put("records", country.length);
                root.put("candidatePairs", result.candidatePairs());
                ObjectNode rules = root.putObject("candidatePairsByRule");
                result.pairsByRule().forEach(rules::put);
                ArrayNode fields = root.putArray("fields");
                for (int k = 0; k < Comparison.FIELDS.size(); k++) {
                    ObjectNode f = fields.addObject();
                    f.put("field", Comparison.FIELDS.get(k).name());
                    ArrayNode trainedBy = f.putArray("mTrainedOn");
                    result.trainedBy().get(k).forEach(trainedBy::add);
                    ArrayNode levels = f.putArray("levels");
                    for (int l = 1; l < Comparison.FIELDS.get(k).size(); l++) {
                        ObjectNode level = levels.addObject();
                        level.put("level", Comparison.FIELDS.get(k).levels().get(l));
                        level.put("m", model().m()[k][l]);
                        level.put("u", model().u()[k][l]);
                        level.put("weight", Math.log(model().m()[k][l] / model().u()[k][l]) / Math.log(2));
                    }
                }
                ObjectNode histogram = root.putObject("weightHistogram");
                new TreeMap<>(result.weightHistogram()).forEach((bin, count) -> histogram.put(Integer.toString(bin), count));
                return json.writeValueAsBytes(root);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * The stage: each population of {@link LinkedPopulation#ALL} the run has records of, linked with the run's
     * parameters; its persons, scored pairs and fitted model written to {@code linked/}.
     */
    public static Staged<Map<String, Linked>> linkAll(StageContext ctx, Map<String, Dataset<Row>> harmonised)
            throws IOException {
        long t = System.nanoTime();
        RunParameters p = ctx.parameters();
        ProbabilisticLink.Settings settings = ProbabilisticLink.Settings.withDefaults().withSeed(p.seed());
        if (p.maxCandidatePairs().isPresent()) {
            settings = settings.withMaxCandidatePairs(p.maxCandidatePairs().getAsLong());
        }
        if (p.linkThreshold().isPresent()) {
            settings = settings.withThreshold(p.linkThreshold().getAsDouble());
        }
        Map<String, Long> report = new LinkedHashMap<>();
        Map<String, Linked> linkages = new LinkedHashMap<>();
        List<String> files = new ArrayList<>();
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (LinkedPopulation population : LinkedPopulation.ALL) {
            Dataset<Row> records = harmonised.get(population.recordType());
            if (records != null) {
                sizes.put(population.recordType(), population.captures(records).count());
            }
        }
        long total = sizes.values().stream().mapToLong(Long::longValue).sum();
        long done = 0;
        for (LinkedPopulation population : LinkedPopulation.ALL) {
            Dataset<Row> records = harmonised.get(population.recordType());
            if (records == null) {
                continue;
            }
            records = population.captures(records);
            String name = population.recordType();
            ctx.within("link", "linking the " + name + " records: blocking, training the model, scoring and clustering",
                    done, total, "records");
            Linked linkage = link(ctx.spark(), records, population.keyColumn(), population.recordIdColumn(),
                    population.dateColumn(), settings);
            linkages.put(name, linkage);
            List<Row> persons = linkage.persons(linkage.result().threshold());
            ctx.spark().createDataFrame(persons, PERSONS).write().parquet(ctx.path(population.persons()));
            ctx.spark().createDataFrame(linkage.pairs(), PAIRS).write().parquet(ctx.path("linked/" + name + "_pairs"));
            try (OutputStream model = ctx.storage().create(ctx.working() + "/linked/" + name + "_model.json")) {
                model.write(linkage.modelJson());
            }
            long[] c = counts(records, population.keyColumn());
            report.put(name + "_records", c[0]);
            report.put(name + "_records_with_key", c[1]);
            report.put(name + "_candidate_pairs", linkage.result().candidatePairs());
            report.put(name + "_" + population.personsFolder(), (long) persons.size());
            files.add(population.persons());
            files.add("linked/" + name + "_pairs");
            files.add("linked/" + name + "_model.json");
            done += sizes.get(name);
            ctx.within("link", name + " records linked into " + persons.size() + " " + population.personsFolder(), done,
                    total, "records");
        }
        return new Staged<>(linkages, new StageReport("link", report, Staged.seconds(t), List.of()), files);
    }

    /**
     * Links one record type: {@code key} is its keyed identity column, {@code recordId} its record id,
     * {@code date} its detection date (all may be absent from the data).
     */
    public static Linked link(SparkSession spark, Dataset<Row> harmonised, String key, String recordId, String date,
                              ProbabilisticLink.Settings settings) {
        Dataset<Row> keyed = LinkInput.withRowIds(spark, harmonised.withColumn(RECORD_KEY, recordKey(harmonised, recordId)))
                .cache();
        Dataset<Row> input = LinkInput.prepare(spark, keyed, List.of("reporting_country", org.darkfigure.spark.Columns.YEAR),
                "source_id", key, date);
        ProbabilisticLink.Result result = ProbabilisticLink.run(input, settings);
        // what each record is, by rid
        List<Row> facts = keyed.select(keyed.col("reporting_country"), keyed.col(org.darkfigure.spark.Columns.YEAR),
                keyed.col("source_id"), keyed.col(RECORD_KEY),
                List.of(keyed.columns()).contains("incident_id") ? keyed.col("incident_id")
                        : org.apache.spark.sql.functions.lit(null).cast("string"), keyed.col("rid")).collectAsList();
        keyed.unpersist();
        int n = result.cluster().length;
        String[] country = new String[n];
        int[] year = new int[n];
        String[] source = new String[n];
        String[] recordKey = new String[n];
        String[] incident = new String[n];
        for (Row r : facts) {
            int i = (int) r.getLong(5);
            country[i] = r.getString(0);
            year[i] = r.getInt(1);
            source[i] = r.getString(2);
            recordKey[i] = r.getString(3);
            incident[i] = r.isNullAt(4) ? null : r.getString(4);
        }
        return new Linked(result, country, year, source, recordKey, incident);
    }

    /** A record's key across submissions: the submission id and the source's record id. */
    public static org.apache.spark.sql.Column recordKey(Dataset<Row> harmonised, String recordId) {
        return org.apache.spark.sql.functions.concat_ws(":", harmonised.col(org.darkfigure.spark.Columns.SUBMISSION_ID), harmonised.col(recordId));
    }

    /** Records, records with a key, for the stage report. */
    public static long[] counts(Dataset<Row> harmonised, String keyColumn) {
        Row r = harmonised.agg(org.apache.spark.sql.functions.count(org.apache.spark.sql.functions.lit(1)),
                org.apache.spark.sql.functions.count(harmonised.col(keyColumn))).first();
        return new long[] {r.getLong(0), r.getLong(1)};
    }

    static String personId(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> scala.collection.immutable.Seq<T> seq(List<T> list) {
        return scala.jdk.javaapi.CollectionConverters.asScala(list).toSeq();
    }
}
