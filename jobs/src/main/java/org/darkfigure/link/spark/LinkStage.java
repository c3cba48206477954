package org.darkfigure.link.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.darkfigure.link.Comparison;
import org.darkfigure.link.FellegiSunter;
import org.darkfigure.link.StratumLinkage;
import org.darkfigure.link.StratumPeople;
import org.darkfigure.manifest.RunParameters;
import org.darkfigure.manifest.StageReport;
import org.darkfigure.spark.Columns;
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
    /**
     * A person's place among its stratum's persons in the order of their ids (1 = first): the researcher downloads
     * number persons from it, stratum after stratum, without a window or a join over all persons.
     */
    public static final String RANK = "rank_in_stratum";

    public static final StructType PERSONS = new StructType()
            .add("reporting_country", DataTypes.StringType, false)
            .add(Columns.YEAR, DataTypes.IntegerType, false)
            .add(PERSON_ID, DataTypes.StringType, false)
            .add(SOURCES, DataTypes.createArrayType(DataTypes.StringType, false), false)
            .add(RECORDS, DataTypes.LongType, false)
            .add(RANK, DataTypes.LongType, false);

    /** Record (submission id:record id) -> person (id, and rank in its stratum). */
    public static final StructType MEMBERSHIPS = new StructType()
            .add(RECORD_KEY, DataTypes.StringType, false)
            .add(PERSON_ID, DataTypes.StringType, false)
            .add(RANK, DataTypes.LongType, false);

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

    /** The match-probability thresholds people are also built at, beside the chosen one (the linkage sensitivity). */
    public static final double[] SENSITIVITY_THRESHOLDS = {0.2, 0.8};

    /** Persons of one stratum with one capture pattern, when people are built at another threshold. */
    public record PatternCount(double threshold, String country, int year, List<String> sources, long count)
            implements java.io.Serializable {

        public PatternCount {
            sources = List.copyOf(sources);
        }
    }

    /**
     * What the driver keeps of a population's linkage (issue 20: nothing per record): the fitted model and the
     * chosen threshold, how many records, persons and candidate pairs, the model's description for the release, and the persons
     * counted by stratum and capture pattern at each of {@link #SENSITIVITY_THRESHOLDS}.
     */
    public record Linked(FellegiSunter model, double threshold, long records, long persons, long candidatePairs,
                         byte[] modelJson, List<PatternCount> atOtherThresholds, int strataInParts) {

        public Linked {
            atOtherThresholds = List.copyOf(atOtherThresholds);
        }
    }

    /** The fitted model and the linkage's numbers, as JSON for the release. */
    static byte[] modelJson(ProbabilisticLink.Linkage linkage) {
        try {
            FellegiSunter model = linkage.model();
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode root = json.createObjectNode();
            root.put("matchProportion", model.lambda());
            root.put("matchProportionMeaning", "share of the candidate pairs that are one person; u is from random "
                    + "pairs, m from EM on the pairs of one blocking rule at a time (mTrainedOn; empty: EM over all "
                    + "candidate pairs)");
            root.put("threshold", linkage.threshold());
            root.put("thresholdMeaning", "pairs with match probability >= threshold are linked");
            root.put("records", linkage.records());
            root.put("candidatePairs", linkage.candidatePairs());
            ObjectNode rules = root.putObject("candidatePairsByRule");
            linkage.pairsByRule().forEach(rules::put);
            ArrayNode fields = root.putArray("fields");
            for (int k = 0; k < Comparison.FIELDS.size(); k++) {
                ObjectNode f = fields.addObject();
                f.put("field", Comparison.FIELDS.get(k).name());
                ArrayNode trainedBy = f.putArray("mTrainedOn");
                linkage.trainedBy().get(k).forEach(trainedBy::add);
                ArrayNode levels = f.putArray("levels");
                for (int l = 1; l < Comparison.FIELDS.get(k).size(); l++) {
                    ObjectNode level = levels.addObject();
                    level.put("level", Comparison.FIELDS.get(k).levels().get(l));
                    level.put("m", model.m()[k][l]);
                    level.put("u", model.u()[k][l]);
                    level.put("weight", Math.log(model.m()[k][l] / model.u()[k][l]) / Math.log(2));
                }
            }
            ObjectNode histogram = root.putObject("weightHistogram");
            new TreeMap<>(linkage.weightHistogram()).forEach((bin, count) -> histogram.put(Integer.toString(bin), count));
            return json.writeValueAsBytes(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
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
        if (p.splitAbove().isPresent()) {
            settings = settings.withSplitAbove((int) p.splitAbove().getAsLong());
        }
        Map<String, Long> report = new LinkedHashMap<>();
        Map<String, Linked> linkages = new LinkedHashMap<>();
        List<String> files = new ArrayList<>();
        // counted once, for the progress and the report
        Map<String, long[]> sizes = new LinkedHashMap<>();
        for (LinkedPopulation population : LinkedPopulation.ALL) {
            Dataset<Row> records = harmonised.get(population.recordType());
            if (records != null) {
                sizes.put(population.recordType(), counts(population.captures(records), population.keyColumn()));
            }
        }
        long total = sizes.values().stream().mapToLong(c -> c[0]).sum();
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
            Linked linkage = link(ctx, records, population, settings);
            linkages.put(name, linkage);
            long[] c = sizes.get(name);
            report.put(name + "_records", c[0]);
            report.put(name + "_records_with_key", c[1]);
            report.put(name + "_candidate_pairs", linkage.candidatePairs());
            if (linkage.strataInParts() > 0) { // only where any: the usual release has none, and says nothing new
                report.put(name + "_strata_linked_in_parts", (long) linkage.strataInParts());
            }
            report.put(name + "_" + population.personsFolder(), linkage.persons());
            files.add(population.persons());
            files.add(population.memberships());
            files.add("linked/" + name + "_pairs");
            files.add("linked/" + name + "_model.json");
            done += c[0];
            ctx.within("link", name + " records linked into " + linkage.persons() + " " + population.personsFolder(), done,
                    total, "records");
        }
        return new Staged<>(linkages, new StageReport("link", report, Staged.seconds(t), List.of()), files);
    }

    /**
     * Links one population's records and writes, from where the strata are (issue 20: nothing per record on the
     * driver): its persons, which person each record is ({@link #MEMBERSHIPS}), the scored pairs with each field's
     * level and weight, and the fitted model. People at the {@link #SENSITIVITY_THRESHOLDS} are counted by stratum
     * and capture pattern, which is all the driver receives of them.
     */
    static Linked link(StageContext ctx, Dataset<Row> harmonised, LinkedPopulation population,
                       ProbabilisticLink.Settings settings) throws IOException {
        SparkSession spark = ctx.spark();
        // only what linkage reads and the outputs name travels on (the harmonised records have some forty columns)
        List<String> read = List.of("reporting_country", Columns.YEAR, "source_id", population.keyColumn(), "lk_name_bf",
                "lk_dob_hash", "lk_name_ph", "lk_dob_var", "lk_doc_hash", "lk_doc_bf", "birth_year", "sex", "citizenship",
                population.dateColumn(), "incident_id");
        List<org.apache.spark.sql.Column> columns = new ArrayList<>();
        for (String c : read) {
            if (List.of(harmonised.columns()).contains(c)) {
                columns.add(col(c));
            }
        }
        columns.add(recordKey(harmonised, population.recordIdColumn()).as(RECORD_KEY));
        // not persisted: linkage reads the records once into its strata, which carry each record's source and key, so
        // persons, memberships and pairs are written from the scored strata without joining the records back (caching
        // the records and joining them back took 45% of the 1M link stage's CPU samples; at 4M the stage fell from 199
        // to 123-134 s without it)
        Dataset<Row> keyed = LinkInput.withRowIds(spark,
                harmonised.select(columns.toArray(org.apache.spark.sql.Column[]::new)));
        Dataset<Row> input = LinkInput.prepare(spark, keyed, List.of("reporting_country", Columns.YEAR),
                "source_id", population.keyColumn(), population.dateColumn());
        ProbabilisticLink.Linkage linkage = ProbabilisticLink.link(input, settings, SENSITIVITY_THRESHOLDS);
        try {
            spark.createDataFrame(linkage.strata().flatMap(LinkStage::personRows), PERSONS).write()
                    .parquet(ctx.path(population.persons()));
            spark.createDataFrame(linkage.strata().flatMap(LinkStage::membershipRows), MEMBERSHIPS).write()
                    .parquet(ctx.path(population.memberships()));
            // one small collect: persons by threshold, stratum and capture pattern (the chosen threshold's count them)
            List<PatternCount> other = new ArrayList<>();
            long personCount = 0;
            for (StratumCounts stratum : linkage.strata().map(LinkStage::counts).collect()) {
                personCount += stratum.persons();
                other.addAll(stratum.atOtherThresholds());
            }
            FellegiSunter model = linkage.model();
            double threshold = linkage.threshold();
            spark.createDataFrame(linkage.strata().flatMap(s -> pairRows(s, model, threshold)), PAIRS).write()
                    .parquet(ctx.path("linked/" + population.recordType() + "_pairs"));
            byte[] json = modelJson(linkage);
            try (OutputStream out = ctx.storage().create(ctx.working() + "/linked/" + population.recordType()
                    + "_model.json")) {
                out.write(json);
            }
            return new Linked(model, threshold, linkage.records(), personCount, linkage.candidatePairs(), json, other,
                    linkage.strataInParts());
        } finally {
            linkage.release();
        }
    }

    /** A stratum's persons at the chosen threshold, and its people by capture pattern at the other thresholds. */
    private record StratumCounts(long persons, List<PatternCount> atOtherThresholds) implements java.io.Serializable {
    }

    /**
     * The stratum's country and year: the link stage's strata are "country|year" ({@link LinkInput#prepare} joins the
     * stratum columns with "|"; a country code has no "|").
     */
    private static Object[] countryAndYear(String stratum) {
        int bar = stratum.lastIndexOf('|');
        return new Object[] {stratum.substring(0, bar), Integer.parseInt(stratum.substring(bar + 1))};
    }

    private static java.util.Iterator<Row> personRows(StratumLinkage.Scored s) {
        Object[] place = countryAndYear(s.stratum());
        List<StratumPeople.Person> persons = StratumPeople.atChosenThreshold(s).persons();
        List<Row> rows = new ArrayList<>(persons.size());
        for (StratumPeople.Person p : persons) {
            rows.add(RowFactory.create(place[0], place[1], p.id(), seq(p.sources()), p.records(), p.rank()));
        }
        return rows.iterator();
    }

    private static java.util.Iterator<Row> membershipRows(StratumLinkage.Scored s) {
        StratumPeople.People people = StratumPeople.atChosenThreshold(s);
        String[] personOf = people.personOfRecord();
        List<Row> rows = new ArrayList<>(personOf.length);
        for (int i = 0; i < personOf.length; i++) {
            rows.add(RowFactory.create(s.recordKeys()[i], personOf[i], people.rankOfRecord()[i]));
        }
        return rows.iterator();
    }

    private static StratumCounts counts(StratumLinkage.Scored s) {
        Object[] place = countryAndYear(s.stratum());
        long persons = StratumPeople.patterns(s, 0).values().stream().mapToLong(Long::longValue).sum();
        List<PatternCount> other = new ArrayList<>();
        for (int t = 1; t <= s.clustersAt().length; t++) {
            for (Map.Entry<List<String>, Long> e : StratumPeople.patterns(s, t).entrySet()) {
                other.add(new PatternCount(SENSITIVITY_THRESHOLDS[t - 1], (String) place[0], (Integer) place[1],
                        e.getKey(), e.getValue()));
            }
        }
        return new StratumCounts(persons, other);
    }

    /** A stratum's scored pairs with each field's level and weight: why a pair scores what it scores. */
    private static java.util.Iterator<Row> pairRows(StratumLinkage.Scored s, FellegiSunter model, double threshold) {
        List<Row> rows = new ArrayList<>(s.pairA().length);
        // each field's level names and weights, made once for all the stratum's pairs
        int fields = Comparison.FIELDS.size();
        String[][] label = new String[fields][];
        double[][] weight = new double[fields][];
        for (int k = 0; k < fields; k++) {
            Comparison.Field field = Comparison.FIELDS.get(k);
            label[k] = new String[field.size()];
            weight[k] = new double[field.size()];
            for (int l = 0; l < field.size(); l++) {
                label[k][l] = field.name() + ": " + field.levels().get(l);
                weight[k][l] = l == 0 ? 0.0 : Math.log(model.m()[k][l] / model.u()[k][l]) / Math.log(2);
            }
        }
        for (int i = 0; i < s.pairA().length; i++) {
            // the records are sorted by id, so a pair's records are found by their ids
            String recordA = s.recordKeys()[java.util.Arrays.binarySearch(s.ids(), s.pairA()[i])];
            String recordB = s.recordKeys()[java.util.Arrays.binarySearch(s.ids(), s.pairB()[i])];
            int pattern = s.patterns()[i];
            List<String> levels = new ArrayList<>(fields);
            List<Double> weights = new ArrayList<>(fields);
            for (int k = 0; k < fields; k++) {
                int l = Comparison.level(pattern, k);
                levels.add(label[k][l]);
                weights.add(weight[k][l]);
            }
            double probability = 1 / (1 + Math.pow(2, -s.odds()[i]));
            rows.add(RowFactory.create(recordA, recordB, seq(levels), seq(weights), s.weights()[i], probability,
                    probability >= threshold));
        }
        return rows.iterator();
    }

    /** A record's key across submissions: the submission id and the source's record id. */
    public static org.apache.spark.sql.Column recordKey(Dataset<Row> harmonised, String recordId) {
        return concat_ws(":", harmonised.col(Columns.SUBMISSION_ID), harmonised.col(recordId));
    }

    /** Records, records with a key, for the stage report. */
    public static long[] counts(Dataset<Row> harmonised, String keyColumn) {
        Row r = harmonised.agg(count(lit(1)),
                count(harmonised.col(keyColumn))).first();
        return new long[] {r.getLong(0), r.getLong(1)};
    }

    private static <T> scala.collection.immutable.Seq<T> seq(List<T> list) {
        return scala.jdk.javaapi.CollectionConverters.asScala(list).toSeq();
    }
}
