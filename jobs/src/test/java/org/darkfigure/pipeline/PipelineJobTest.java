package org.darkfigure.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.darkfigure.contract.ContractSchemas;
import org.darkfigure.estimate.CaptureHistory;
import org.darkfigure.estimate.Estimate;
import org.darkfigure.estimate.search.Estimation;
import org.darkfigure.estimate.search.EstimationOptions;
import org.darkfigure.estimate.spark.EstimateStage;
import org.darkfigure.link.spark.LinkStage;
import org.darkfigure.manifest.ManifestJson;
import org.darkfigure.manifest.ReleaseManifest;
import org.darkfigure.manifest.RunInput;
import org.darkfigure.manifest.RunManifest;
import org.darkfigure.manifest.StorageLayout;
import org.darkfigure.simulate.Scenario;
import org.darkfigure.simulate.Simulator;
import org.darkfigure.simulate.Stratum;
import org.darkfigure.spark.SparkSchema;
import org.darkfigure.spark.SparkSessions;
import org.darkfigure.spark.Storage;
import org.darkfigure.standard.RecordType;
import org.darkfigure.standard.Standard;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline on a small simulated world, staged the way the intake stages it. With exact linkage
 * keys the linked, distinct observed count of every stratum must equal the simulator's truth.
 */
@Tag("spark")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineJobTest {

    @TempDir
    static Path root;
    private SparkSession spark;
    private final Scenario scenario = Scenario.withDefaults().withCountries(List.of("IDN", "MYS")).withYears(2023, 2)
            .withMeanPopulation(500);
    private RunManifest run;
    private ReleaseManifest release;
    private String progress;

    @BeforeAll
    void runThePipelineOnce() throws Exception {
        spark = SparkSessions.start("local[2]", "pipeline-test", 4);
        run = StagedWorld.stage(spark, scenario, root, "20261128T120000Z-abcd");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        release = PipelineJob.run(spark, new Storage(spark.sparkContext().hadoopConfiguration()), run,
                new Progress(new PrintStream(out, true, StandardCharsets.UTF_8)));
        progress = out.toString(StandardCharsets.UTF_8);
    }

    @AfterAll
    void stop() {
        spark.stop();
    }

    private Path releaseFolder() {
        return root.resolve("data/releases").resolve(release.releaseId());
    }

    @Test
    void the_files_other_languages_read_match_their_json_schemas() throws Exception {
        // the schemas in schemas/.../contract/ are what notebooks/darkfigure_release.py checks releases against
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        Map<String, Path> files = new java.util.LinkedHashMap<>();
        files.put("estimates", releaseFolder().resolve("estimates/estimates.json"));
        files.put("estimates ", releaseFolder().resolve("tables/published-estimates.json"));
        files.put("release-manifest", releaseFolder().resolve("manifest.json"));
        files.put("datasets", releaseFolder().resolve("research/datasets.json"));
        for (var f : files.entrySet()) {
            List<String> problems = ContractSchemas.problems(f.getKey().strip(), json.readTree(f.getValue().toFile()));
            assertEquals(List.of(), problems, f.getValue().toString());
        }
        Path runManifest = root.resolve("run-manifest.json");
        try (var out = Files.newOutputStream(runManifest)) {
            ManifestJson.write(out, run);
        }
        assertEquals(List.of(), ContractSchemas.problems("run-manifest", json.readTree(runManifest.toFile())));
        // and the schemas can fail: an unknown key in a manifest, a count that is text
        var manifest = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(releaseFolder().resolve("manifest.json").toFile());
        manifest.put("extra", 1);
        assertEquals(1, ContractSchemas.problems("release-manifest", manifest).size());
        var estimates = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(files.get("estimates").toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) estimates.path("strata").get(0)).put("observed", "12");
        assertEquals(1, ContractSchemas.problems("estimates", estimates).size());
    }

    @Test
    void publishes_a_complete_release_and_points_current_at_it() throws Exception {
        assertEquals(run.runId(), release.releaseId());
        assertTrue(Files.exists(releaseFolder().resolve("manifest.json")));
        assertTrue(Files.isDirectory(releaseFolder().resolve("harmonised/migrant")));
        assertTrue(Files.isDirectory(releaseFolder().resolve("linked/persons")));
        assertTrue(Files.exists(releaseFolder().resolve("estimates/estimates.json")));
        assertEquals(release.releaseId(), Files.readString(root.resolve("data/releases/CURRENT")).trim());
        try (var walk = Files.list(root.resolve("data/releases"))) {
            assertFalse(walk.anyMatch(p -> p.getFileName().toString().startsWith(".tmp")), "no working folder left");
        }
        ReleaseManifest written;
        try (var in = Files.newInputStream(releaseFolder().resolve("manifest.json"))) {
            written = ManifestJson.read(in, ReleaseManifest.class);
        }
        assertEquals(run.inputs(), written.inputs());
        assertEquals(List.of("harmonise", "link", "estimate", "detections", "published-tables", "disclose"),
                written.stages().stream().map(s -> s.stage()).toList());
        assertTrue(Files.exists(releaseFolder().resolve("linked/persons")));
        assertTrue(progress.contains("PROGRESS {\"stage\":\"publish\",\"state\":\"published\""), progress);
    }

    @Test
    void researchers_get_the_linked_persons_the_estimates_count_and_k_anonymous_records() throws Exception {
        Path research = releaseFolder().resolve("research");
        List<String> persons = Files.readAllLines(research.resolve("persons.csv"));
        assertEquals("person_id,population,country,year,sources,n_sources", persons.get(0));
        // every stratum has far more than k people, so nobody is withheld and the patterns are the estimates'
        Map<String, Long> patterns = new HashMap<>();
        for (String line : persons.subList(1, persons.size())) {
            String[] f = line.split(",");
            patterns.merge(f[2] + "|" + f[3] + "|" + f[4], 1L, Long::sum);
        }
        com.fasterxml.jackson.databind.JsonNode estimates = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(releaseFolder().resolve("estimates/estimates.json").toFile());
        long observed = 0;
        for (com.fasterxml.jackson.databind.JsonNode s : estimates.path("strata")) {
            observed += s.path("observed").asLong();
            List<String> lists = new ArrayList<>();
            s.path("lists").forEach(l -> lists.add(l.asText()));
            for (int pattern = 1; pattern < 1 << lists.size(); pattern++) {
                List<String> in = new ArrayList<>();
                for (int j = 0; j < lists.size(); j++) {
                    if ((pattern >> j & 1) == 1) {
                        in.add(lists.get(j));
                    }
                }
                assertEquals(s.path("patternCounts").get(pattern).asLong(), patterns.getOrDefault(
                        s.path("country").asText() + "|" + s.path("year").asInt() + "|" + String.join(";", in), 0L),
                        s.path("country").asText() + " " + s.path("year") + " pattern " + in);
            }
        }
        assertEquals(observed, persons.size() - 1);
        // release ids P0000001.. with none missing, numbered stratum after stratum (population, country, year)
        java.util.TreeMap<Integer, String> strataById = new java.util.TreeMap<>();
        for (String line : persons.subList(1, persons.size())) {
            String[] f = line.split(",");
            assertTrue(f[0].matches("P\\d{7,}"), f[0]);
            strataById.put(Integer.parseInt(f[0].substring(1)), f[1] + "|" + f[2] + "|" + f[3]);
        }
        assertEquals(1, strataById.firstKey());
        assertEquals(persons.size() - 1, strataById.lastKey());
        assertEquals(persons.size() - 1, strataById.size());
        List<String> inIdOrder = new ArrayList<>(strataById.values());
        List<String> sorted = new ArrayList<>(inIdOrder);
        java.util.Collections.sort(sorted);
        assertEquals(sorted, inIdOrder, "numbered stratum after stratum");

        List<String> records = Files.readAllLines(research.resolve("migrant.csv"));
        List<String> header = List.of(records.get(0).split(","));
        for (String never : List.of("linkage_key", "lk_name_bf", "lk_name_ph", "lk_dob_hash", "lk_dob_var", "lk_doc_hash", "lk_doc_bf",
                "record_id", "birth_year", "unaccompanied_minor", "submission_id")) {
            assertFalse(header.contains(never), never + " must not be released");
        }
        assertEquals("person_id", header.get(0));
        // each record names its person as persons.csv does: a person of the record's own year
        Map<String, String> yearOfPerson = new HashMap<>();
        for (String line : persons.subList(1, persons.size())) {
            String[] f = line.split(",");
            yearOfPerson.put(f[0], f[3]);
        }
        java.util.Set<String> named = new java.util.HashSet<>();
        for (String line : records.subList(1, records.size())) {
            String[] f = line.split(",", -1);
            assertEquals(yearOfPerson.get(f[0]), f[header.indexOf("year")], "the person of " + line);
            named.add(f[0]);
        }
        com.fasterxml.jackson.databind.JsonNode index = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(research.resolve("datasets.json").toFile());
        assertEquals(5, index.path("k").asInt());
        com.fasterxml.jackson.databind.JsonNode migrant = index.path("datasets").get(1);
        List<Integer> qi = new ArrayList<>();
        migrant.path("forms").fields().forEachRemaining(e -> {
            if (e.getValue().asText().endsWith("(quasi-identifier)")) {
                qi.add(header.indexOf(e.getKey()));
            }
        });
        assertTrue(qi.size() >= 8, "quasi-identifiers " + qi);
        Map<String, Long> classes = new HashMap<>();
        for (String line : records.subList(1, records.size())) {
            String[] f = line.split(",", -1);
            classes.merge(qi.stream().map(i -> f[i]).toList().toString(), 1L, Long::sum);
            assertTrue(f[header.indexOf("detection_date")].matches("\\d{4}(-\\d{2}|-Q\\d)?"), line);
        }
        assertTrue(classes.values().stream().allMatch(n -> n >= 5), "every class has at least k = 5 records");
        // not collected (empty in every row of the file) is told apart from withheld (never in the file)
        List<String> notCollected = new ArrayList<>();
        migrant.path("notCollected").forEach(c -> notCollected.add(c.asText()));
        for (String column : header) {
            int i = header.indexOf(column);
            boolean empty = records.subList(1, records.size()).stream().allMatch(l -> l.split(",", -1)[i].isEmpty());
            assertEquals(empty, notCollected.contains(column), column + ": listed as not collected exactly when empty");
            assertEquals(empty, migrant.path("filled").path(column).asDouble() == 0.0, column);
        }
        migrant.path("dropped").fieldNames().forEachRemaining(d -> assertFalse(header.contains(d) || notCollected.contains(d),
                d + " is withheld, so neither in the file nor 'not collected'"));
        long withheld = migrant.path("withheld").asLong();
        assertTrue(named.size() >= yearOfPerson.size() - withheld, named.size() + " of " + yearOfPerson.size()
                + " persons named by records, " + withheld + " records withheld"); // a person's only record may be withheld
        assertEquals(records.size() - 1, migrant.path("rows").asLong());
        assertTrue(withheld <= 0.01 * (records.size() - 1 + withheld), "withheld " + withheld);
        assertTrue(Files.size(research.resolve("migrant.parquet")) > 0);
        assertEquals(records.size() - 1, spark.read().parquet(research.resolve("migrant.parquet").toString()).count());
    }

    @Test
    void re_running_the_release_manifest_reproduces_every_figure_exactly() throws Exception {
        StorageLayout layout = new StorageLayout(root.resolve("data").toString());
        Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
        Reproduction.Outcome outcome = Reproduction.reproduce(spark, storage, layout, release.releaseId(),
                new Progress(new PrintStream(java.io.OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8)));
        assertEquals(List.of(), outcome.differences());
        assertEquals(4, outcome.strataCompared());
        assertTrue(outcome.identical());
        assertEquals(release.releaseId(), Files.readString(root.resolve("data/releases/CURRENT")).trim(),
                "a reproduction never becomes the current release");
        assertTrue(Files.exists(Path.of(layout.reproduction(outcome.reproductionId()), "manifest.json")));

        // a differing figure is reported by its path
        List<String> differences = new ArrayList<>();
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        Reproduction.compare("estimates.json", json.readTree("{\"strata\":[{\"total\":100.5}]}"),
                json.readTree("{\"strata\":[{\"total\":100.50000001}]}"), differences);
        assertEquals(List.of("estimates.json.strata[0].total: release 100.5, reproduction 100.50000001"), differences);
    }

    /**
     * Issue 20: strata linked in parts (run parameter splitAbove; each part holds whole blocks, the weighed pairs are
     * gathered per stratum to be clustered) give the release exactly the figures of strata linked whole.
     */
    @Test
    void strata_linked_in_parts_give_the_release_the_same_figures_as_strata_linked_whole() throws Exception {
        StorageLayout layout = new StorageLayout(root.resolve("data").toString());
        Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
        Map<String, String> parameters = new HashMap<>(release.parameters());
        parameters.put("splitAbove", "150");
        String id = release.releaseId() + "-in-parts";
        ReleaseManifest split = PipelineJob.run(spark, storage, new RunManifest(id, run.createdAt(), layout.root(),
                release.seed(), parameters, release.inputs(), release.profiles()),
                new Progress(new PrintStream(java.io.OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8)), true);
        Map<String, Long> link = split.stages().stream().filter(s -> s.stage().equals("link")).findFirst().orElseThrow()
                .counts();
        assertTrue(link.getOrDefault("migrant_strata_linked_in_parts", 0L) >= 3,
                "the strata of more than 150 records were linked in parts: " + link);
        assertEquals(List.of(), Reproduction.differences(storage, layout.release(release.releaseId()), release,
                layout.reproduction(id), split));
    }

    @Test
    void a_release_whose_input_changed_is_not_re_run() throws Exception {
        StorageLayout layout = new StorageLayout(root.resolve("data").toString());
        RunInput first = release.inputs().get(0);
        List<String> problems = Reproduction.checkInputs(new Storage(spark.sparkContext().hadoopConfiguration()), layout,
                List.of(new RunInput(first.submissionId(), first.country(), first.source(), first.recordType(),
                        first.schemaVersion(), first.period(), first.revision(), "f".repeat(64), first.stagedPath(), 0, 0)));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("submission sub-1: raw file original.csv has SHA-256 "), problems.get(0));
    }

    @Test
    void every_linked_record_belongs_to_exactly_one_person_of_its_own_country_and_year() {
        // issue 20: persons and memberships are built where the records are, from the scored strata
        Dataset<Row> persons = spark.read().parquet(releaseFolder().resolve("linked/persons").toString());
        Dataset<Row> members = spark.read().parquet(releaseFolder().resolve("linked/migrant_memberships").toString());
        Dataset<Row> records = spark.read().parquet(releaseFolder().resolve("harmonised/migrant").toString());
        long recordCount = records.count();
        assertEquals(recordCount, members.count());
        assertEquals(recordCount, members.select(LinkStage.RECORD_KEY).distinct().count(), "one person per record");
        assertEquals(recordCount, persons.agg(org.apache.spark.sql.functions.sum(LinkStage.RECORDS)).first().getLong(0));
        var link = release.stages().get(1).counts();
        assertEquals(link.get("migrant_persons"), persons.count());
        assertEquals(persons.count(), members.select(LinkStage.PERSON_ID).distinct().count());
        // each person's records are of the country and year it is counted in, and it has the sources they came from
        Dataset<Row> joined = records.withColumn(LinkStage.RECORD_KEY, LinkStage.recordKey(records, "record_id"))
                .join(members, LinkStage.RECORD_KEY).join(persons.withColumnRenamed("reporting_country", "person_country")
                        .withColumnRenamed("year", "person_year"), LinkStage.PERSON_ID);
        assertEquals(0, joined.filter("reporting_country <> person_country OR year <> person_year "
                + "OR NOT array_contains(sources, source_id)").count());
    }

    @Test
    void probabilistic_linkage_of_noisy_records_recovers_the_simulated_distinct_people() {
        long expectedRecords = 0;
        Map<String, Integer> distinct = new HashMap<>();
        for (Stratum s : new Simulator(scenario).strata()) {
            distinct.put(s.country() + "|" + s.year(), s.distinctObserved());
            expectedRecords += s.recordsBySource().stream().mapToLong(List::size).sum();
        }
        var link = release.stages().get(1).counts();
        assertEquals(expectedRecords, link.get("migrant_records"));
        assertTrue(link.get("migrant_persons") < expectedRecords, "duplicates and overlaps are linked");
        List<Row> estimates = spark.read().parquet(releaseFolder().resolve("estimates/estimates.parquet").toString())
                .collectAsList();
        assertEquals(4, estimates.size());
        for (Row r : estimates) {
            String key = r.getAs("country") + "|" + r.getAs("year");
            // identities are recorded with typos, swapped names and wrong dates: linkage is not perfect, but close
            assertEquals((double) distinct.get(key), (double) r.<Long>getAs("observed"), 0.03 * distinct.get(key), key);
            assertEquals(4, (int) r.<Integer>getAs("k"));
            assertEquals("migrant", r.getAs("population"));
            assertEquals("OK", r.getAs("status"));
        }
    }

    /** Issue 15, part 3: run parameter years=together pools each series' estimable years into one model. */
    @Test
    void years_together_replaces_each_series_estimates_by_the_joint_model() {
        List<Row> rows = spark.read().parquet(releaseFolder().resolve("estimates/estimates.parquet").toString())
                .orderBy("population", "country", "year").collectAsList();
        org.darkfigure.estimate.spark.YearsPooling.Pooled pooled =
                org.darkfigure.estimate.spark.YearsPooling.apply(rows, 0.95);
        assertTrue(pooled.series() >= 2, "the migrants of IDN and of MYS, 2023 and 2024");
        List<Row> idn = new java.util.ArrayList<>();
        List<CaptureHistory> tables = new java.util.ArrayList<>();
        for (Row r : pooled.rows()) {
            if (r.getAs("population").equals("migrant") && r.getAs("country").equals("IDN")) {
                idn.add(r);
                List<Long> cells = r.getList(r.fieldIndex("pattern_counts"));
                tables.add(new CaptureHistory(r.getList(r.fieldIndex("lists")),
                        cells.stream().mapToLong(Long::longValue).toArray()));
            }
        }
        var joint = org.darkfigure.estimate.pooled.YearsTogether.fit(List.of("2023", "2024"), tables, 0.95);
        for (int y = 0; y < 2; y++) {
            assertEquals("years-together", idn.get(y).getAs("method"));
            assertEquals(joint.estimates().get(y).total(), idn.get(y).<Double>getAs("total"), 0);
            assertTrue(idn.get(y).<String>getList(idn.get(y).fieldIndex("warnings"))
                    .contains(org.darkfigure.estimate.spark.YearsPooling.NOT_STUDIED));
        }
        assertEquals(rows.size(), pooled.rows().size(), "one row per stratum still");
    }

    @Test
    void the_spark_stage_gives_the_same_estimate_as_plain_java() {
        Row first = spark.read().parquet(releaseFolder().resolve("estimates/estimates.parquet").toString())
                .orderBy("country", "year").first();
        List<Long> cells = first.getList(first.fieldIndex("pattern_counts"));
        long[] counts = cells.stream().mapToLong(Long::longValue).toArray();
        CaptureHistory history = new CaptureHistory(first.getList(first.fieldIndex("lists")), counts);
        Estimate plain = Estimation.run(history, EstimationOptions.withDefaults()).estimate();
        assertEquals(plain.total(), first.<Double>getAs("total"), 0);
        assertEquals(plain.interval().upper(), first.<Double>getAs("upper"), 0);
        assertEquals(plain.model(), first.getAs("model"));
    }

    @Test
    void national_codes_are_mapped_through_each_submissions_profile_version() {
        RecordType migrant = Standard.builtIn().require("migrant", 1);
        var schema = SparkSchema.staged(migrant);
        List<Row> rows = new ArrayList<>();
        for (String[] r : new String[][] {{"a", "AF"}, {"b", "AF"}, {"a", "MMR"}, {"c", "XX"}}) {
            Object[] values = new Object[schema.size()];
            values[schema.fieldIndex("citizenship")] = r[1];
            values[schema.fieldIndex(SparkSchema.SUBMISSION_ID)] = r[0];
            values[schema.fieldIndex("record_id")] = "x";
            values[schema.fieldIndex("source_id")] = "S";
            values[schema.fieldIndex("reporting_country")] = "IDN";
            values[schema.fieldIndex("detection_date")] = java.sql.Date.valueOf("2024-01-01");
            rows.add(org.apache.spark.sql.RowFactory.create(values));
        }
        List<RunInput> inputs = List.of(
                new RunInput("a", "IDN", "S", "migrant", 1, "2024", 1, "", "", 0, 1),
                new RunInput("b", "IDN", "S", "migrant", 1, "2024", 1, "", "", 0, 2),
                new RunInput("c", "IDN", "S", "migrant", 1, "2024", 1, "", "", 0, 0));
        Map<String, String> profiles = Map.of(
                "IDN/1", "{\"country\":\"IDN\",\"fields\":{\"citizenship\":{\"codes\":{\"AF\":\"AFG\"}}}}",
                "IDN/2", "{\"country\":\"IDN\",\"fields\":{\"citizenship\":{\"codes\":{\"AF\":\"CAF\"}}}}");
        List<String> mapped = org.darkfigure.harmonise.spark.HarmoniseStage.mapNationalCodes(
                        spark.createDataFrame(rows, schema), migrant, inputs, profiles)
                .select("citizenship").collectAsList().stream().map(r -> r.getString(0)).toList();
        // version 1 maps AF to Afghanistan; version 2 (a correction) to the Central African Republic; standard codes pass
        assertEquals(List.of("AFG", "CAF", "MMR", "XX"), mapped);
    }

    @Test
    void estimate_schema_lists_every_column_the_json_needs() {
        for (String c : List.of("country", "year", "observed", "lists", "total", "lower", "upper", "status", "warnings")) {
            assertTrue(List.of(EstimateStage.SCHEMA.fieldNames()).contains(c), c);
        }
    }
}
