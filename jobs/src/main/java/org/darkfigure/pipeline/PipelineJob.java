package org.darkfigure.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.darkfigure.cli.Command;
import org.darkfigure.cli.CommandLine;
import org.darkfigure.codes.CodeList;
import org.darkfigure.crash.Failpoint;
import org.darkfigure.detection.spark.DetectionTables;
import org.darkfigure.disclosure.MicrodataForm;
import org.darkfigure.disclosure.spark.ResearchExport;
import org.darkfigure.estimate.spark.EstimateStage;
import org.darkfigure.estimate.spark.LinkageSensitivity;
import org.darkfigure.estimate.spark.StratumFit;
import org.darkfigure.harmonise.spark.HarmoniseStage;
import org.darkfigure.link.spark.LinkStage;
import org.darkfigure.link.spark.ProbabilisticLink;
import org.darkfigure.manifest.ManifestJson;
import org.darkfigure.manifest.ReleaseManifest;
import org.darkfigure.manifest.RunManifest;
import org.darkfigure.manifest.StageReport;
import org.darkfigure.manifest.StorageLayout;
import org.darkfigure.release.spark.EstimatesJson;
import org.darkfigure.release.spark.PublishStage;
import org.darkfigure.standard.RecordType;
import org.darkfigure.standard.Standard;

/**
 * The batch pipeline: harmonise -> link -> estimate -> publish, from a run manifest to an
 * immutable release folder. Runs the same on {@code local[*]} and under spark-submit on a cluster.
 */
public final class PipelineJob implements Command {

    public static final String DEFAULT_LEVEL = "0.95";
    /** Researcher microdata: every combination of quasi-identifiers shared by at least this many records. */
    public static final String DEFAULT_K = "5";
    /**
     * Bayesian comparison candidates of each stratum (run parameter {@code bayes}): dga only by default, as LCMCR's
     * sampling costs about 0.1 s a stratum even cut down; "dga,lcmcr" adds it, "none" drops both.
     */
    public static final String DEFAULT_BAYES = "dga";

    @Override
    public String name() {
        return "pipeline-job";
    }

    @Override
    public String summary() {
        return "run the Spark pipeline for one run manifest (what the API and spark-submit call)";
    }

    @Override
    public String help() {
        return """
                usage: pipeline-job --run-manifest FILE [--master URL]

                Reads the run manifest (written by the API: the current submissions, parameters, seed),
                harmonises, links and estimates, and publishes releases/<run-id>/ under the manifest's
                storage root, then points releases/CURRENT at it. Prints PROGRESS lines for the API.

                  --run-manifest FILE   the run manifest (local path or Hadoop URI)
                  --master URL          Spark master (default: spark.master if set by spark-submit, else local[*])
                """;
    }

    @Override
    public Set<String> options() {
        return Set.of("run-manifest", "master");
    }

    @Override
    public int run(CommandLine args) throws Exception {
        String manifestPath = args.option("run-manifest")
                .orElseThrow(() -> new CommandLine.UsageException("--run-manifest FILE is required"));
        String master = args.option("master").orElse(System.getProperty("spark.master", "local[*]"));
        exitWithParent();
        SparkSession spark = SparkSessions.start(master, "darkfigure-pipeline", 8);
        try {
            Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
            RunManifest manifest;
            try (InputStream in = storage.open(manifestPath)) {
                manifest = ManifestJson.read(in, RunManifest.class);
            }
            ReleaseManifest release = run(spark, storage, manifest, new Progress(System.out));
            System.out.println("published release " + release.releaseId());
            return 0;
        } finally {
            spark.stop();
        }
    }

    /** Runs every stage and publishes the release (making it current); returns the release manifest. */
    public static ReleaseManifest run(SparkSession spark, Storage storage, RunManifest run, Progress progress)
            throws Exception {
        return run(spark, storage, run, progress, false);
    }

    /**
     * Runs every stage; publishes a release, or with {@code reproduction} a re-run under
     * {@code reproductions/} that never becomes current.
     */
    static ReleaseManifest run(SparkSession spark, Storage storage, RunManifest run, Progress progress,
                               boolean reproduction) throws Exception {
        StorageLayout layout = new StorageLayout(run.storageRoot());
        String releaseId = run.runId();
        String working = PublishStage.workingFolder(layout, releaseId);
        storage.delete(working); // a crashed earlier attempt of this very run
        double level = Double.parseDouble(run.parameters().getOrDefault("level", DEFAULT_LEVEL));
        String criterion = run.parameters().getOrDefault("criterion", "BIC");
        int maxOrder = Integer.parseInt(run.parameters().getOrDefault("maxOrder", "2"));
        // Bayesian comparison candidates per stratum; releases made before them reproduce without
        String bayes = run.parameters().getOrDefault("bayes", reproduction ? "none" : DEFAULT_BAYES);
        Standard standard = Standard.builtIn();
        List<StageReport> stages = new ArrayList<>();
        List<String> outputs = new ArrayList<>();

        progress.stage("harmonise", "started", 0, 4);
        long t = System.nanoTime();
        Map<String, Dataset<Row>> harmonised = new LinkedHashMap<>();
        Map<String, Long> harmoniseCounts = new LinkedHashMap<>();
        harmoniseCounts.put("inputs", (long) run.inputs().size());
        for (RecordType type : standard.recordTypes()) {
            if (run.inputs().stream().noneMatch(i -> i.recordType().equals(type.name()))) {
                continue;
            }
            String path = working + "/harmonised/" + type.name();
            HarmoniseStage.run(spark, type, run).write().mode(SaveMode.ErrorIfExists).parquet(Storage.qualify(path));
            Dataset<Row> rows = spark.read().parquet(Storage.qualify(path));
            harmonised.put(type.name(), rows);
            harmoniseCounts.put(type.name() + "_records", rows.count());
            outputs.add("harmonised/" + type.name());
        }
        stages.add(new StageReport("harmonise", harmoniseCounts, seconds(t), List.of()));
        Failpoint.reach("pipeline.harmonise");
        progress.stage("harmonise", "finished", 1, 4);

        progress.stage("link", "started", 1, 4);
        t = System.nanoTime();
        Map<String, Long> linkReport = new LinkedHashMap<>();
        List<String> linkWarnings = new ArrayList<>();
        List<Dataset<Row>> patterns = new ArrayList<>();
        Map<String, LinkStage.Linked> linkages = new LinkedHashMap<>();
        ProbabilisticLink.Settings linkSettings = ProbabilisticLink.Settings.withDefaults().withSeed(run.seed());
        if (run.parameters().containsKey("maxCandidatePairs")) {
            linkSettings = linkSettings.withMaxCandidatePairs(Long.parseLong(run.parameters().get("maxCandidatePairs")));
        }
        if (run.parameters().containsKey("linkThreshold")) {
            linkSettings = linkSettings.withThreshold(Double.parseDouble(run.parameters().get("linkThreshold")));
        }
        String[][] linked = {{"migrant", "linkage_key", "record_id", "detection_date", "persons"},
                {"offender", "offender_key", "offender_record_id", "stage_date", "offenders"}};
        for (String[] l : linked) {
            Dataset<Row> records = harmonised.get(l[0]);
            if (records == null) {
                continue;
            }
            LinkStage.Linked linkage = LinkStage.link(spark, records, l[1], l[2], l[3], linkSettings);
            linkages.put(l[0], linkage);
            List<Row> persons = linkage.persons(linkage.result().threshold());
            String out = working + "/linked/" + l[4];
            spark.createDataFrame(persons, LinkStage.PERSONS).write().parquet(Storage.qualify(out));
            spark.createDataFrame(linkage.pairs(), LinkStage.PAIRS).write()
                    .parquet(Storage.qualify(working + "/linked/" + l[0] + "_pairs"));
            try (OutputStream model = storage.create(working + "/linked/" + l[0] + "_model.json")) {
                model.write(linkage.modelJson());
            }
            long[] c = LinkStage.counts(records, l[1]);
            linkReport.put(l[0] + "_records", c[0]);
            linkReport.put(l[0] + "_records_with_key", c[1]);
            linkReport.put(l[0] + "_candidate_pairs", linkage.result().candidatePairs());
            linkReport.put(l[0] + "_" + l[4], (long) persons.size());
            patterns.add(EstimateStage.patternsOfPersons(spark.read().parquet(Storage.qualify(out)), l[0]));
            outputs.add("linked/" + l[4]);
            outputs.add("linked/" + l[0] + "_pairs");
            outputs.add("linked/" + l[0] + "_model.json");
        }
        stages.add(new StageReport("link", linkReport, seconds(t), linkWarnings));
        Failpoint.reach("pipeline.link");
        progress.stage("link", "finished", 2, 4);

        progress.stage("estimate", "started", 2, 4);
        t = System.nanoTime();
        List<String> estimateWarnings = new ArrayList<>();
        Dataset<Row> tables = harmonised.get("capture_history");
        if (tables != null) {
            Dataset<Row> aggregated = EstimateStage.patternsOfTables(tables);
            if (!patterns.isEmpty()) {
                // Record-level data win where a country-year has both (they can be linked and checked).
                Dataset<Row> covered = patterns.get(0).select("population", "country", "year").distinct();
                long overlapping = aggregated.join(covered, new String[] {"population", "country", "year"}, "left_semi")
                        .select("country", "year").distinct().count();
                if (overlapping > 0) {
                    estimateWarnings.add(overlapping + " country-years have both records and an aggregated table; "
                            + "the records are used and the table set aside");
                    aggregated = aggregated.join(covered, new String[] {"population", "country", "year"}, "left_anti");
                }
            }
            patterns.add(aggregated);
        }
        List<Row> estimates = List.of();
        if (!patterns.isEmpty()) {
            Dataset<Row> all = patterns.get(0);
            for (int i = 1; i < patterns.size(); i++) {
                all = all.unionByName(patterns.get(i));
            }
            estimates = EstimateStage.estimates(all, new StratumFit(level, criterion.toUpperCase(java.util.Locale.ROOT),
                    maxOrder, bayes));
        }
        spark.createDataFrame(estimates, EstimateStage.SCHEMA).coalesce(1).write()
                .parquet(Storage.qualify(working + "/estimates/estimates.parquet"));
        List<EstimatesJson.TotalRow> totals = EstimatesJson.totals(estimates, level);
        Map<String, Map<Double, Double>> sensitivity = LinkageSensitivity.totals(linkages,
                new StratumFit(level, criterion.toUpperCase(java.util.Locale.ROOT), maxOrder));
        String createdAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        try (OutputStream out = storage.create(working + "/estimates/estimates.json")) {
            out.write(EstimatesJson.render(releaseId, createdAt, level, estimates, totals, sensitivity));
        }
        long notOk = estimates.stream().filter(r -> !"OK".equals(r.getAs("status"))).count();
        if (notOk > 0) {
            estimateWarnings.add(notOk + " strata have no trustworthy estimate");
        }
        Map<String, Long> estimateCounts = new LinkedHashMap<>();
        estimateCounts.put("strata", (long) estimates.size());
        estimateCounts.put("strata_not_ok", notOk);
        stages.add(new StageReport("estimate", estimateCounts, seconds(t), estimateWarnings));
        outputs.add("estimates/estimates.parquet");
        outputs.add("estimates/estimates.json");
        Failpoint.reach("pipeline.estimate");
        stages.add(DetectionTables.run(storage, working, harmonised));
        outputs.add(DetectionTables.OUTPUT);
        progress.stage("estimate", "finished", 3, 4);

        progress.stage("publish", "started", 3, 4);
        int k = Integer.parseInt(run.parameters().getOrDefault("k", DEFAULT_K));
        stages.add(releaseForResearchers(spark, storage, working, releaseId, k, harmonised, linkages, linked));
        outputs.add(ResearchExport.FOLDER);
        Map<String, String> parameters = new LinkedHashMap<>(run.parameters());
        parameters.putIfAbsent("level", Double.toString(level));
        parameters.putIfAbsent("criterion", criterion);
        parameters.putIfAbsent("maxOrder", Integer.toString(maxOrder));
        parameters.putIfAbsent("bayes", bayes);
        parameters.putIfAbsent("k", Integer.toString(k));
        Map<String, String> method = new LinkedHashMap<>();
        method.put("strata", "population x country x year (x sub-stratum of aggregated tables)");
        method.put("linkage", "Fellegi-Sunter, EM-fitted m/u, accepted at posterior >= linkThreshold (default 0.5)");
        method.put("disclosure", "researcher downloads: linkage fields, sensitive attributes, identifiers and free "
                + "text dropped; quasi-identifiers coarsened until every combination has at least k records, at most "
                + ResearchExport.WITHHELD_SHARE * 100 + "% withheld (see research/datasets.json)");
        method.put("estimator", "Chapman (2 lists); hierarchical log-linear model search (3+ lists) with "
                + "profile-likelihood interval; totals: sum with sqrt(sum se^2), log-normal interval");
        ReleaseManifest release = new ReleaseManifest(releaseId, run.runId(), createdAt, codeVersion(), run.seed(),
                parameters, method, run.inputs(), run.profiles(), stages, outputs);
        if (reproduction) {
            PublishStage.publishReproduction(storage, layout, release);
        } else {
            PublishStage.publish(storage, layout, release);
        }
        progress.published(releaseId);
        progress.stage("publish", "finished", 4, 4);
        return release;
    }

    /**
     * The researcher downloads (persons and each record type's records, disclosure-controlled) under
     * research/; returns the stage report with what was released and withheld.
     */
    private static StageReport releaseForResearchers(SparkSession spark, Storage storage, String working,
                                                     String releaseId, int k, Map<String, Dataset<Row>> harmonised,
                                                     Map<String, LinkStage.Linked> linkages, String[][] linked)
            throws IOException {
        long t = System.nanoTime();
        ResearchExport export = new ResearchExport(storage, working, k);
        Map<String, Dataset<Row>> persons = new LinkedHashMap<>();
        Map<String, String[]> linkOf = new LinkedHashMap<>();
        for (String[] l : linked) {
            if (linkages.containsKey(l[0])) {
                persons.put(l[0], spark.read().parquet(Storage.qualify(working + "/linked/" + l[4])));
                linkOf.put(l[0], l);
            }
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        ResearchExport.Released p = export.persons(persons);
        if (p != null) {
            counts.put("persons_released", p.rows());
            counts.put("persons_withheld", p.withheld());
        }
        Standard standard = Standard.builtIn();
        CodeList ageBands = standard.requireCodeList("age_band");
        for (Map.Entry<String, Dataset<Row>> e : harmonised.entrySet()) {
            RecordType type = standard.recordTypes().stream().filter(rt -> rt.name().equals(e.getKey())).findFirst()
                    .orElseThrow();
            if (type.listColumns().isPresent()) {
                continue; // aggregated capture-history tables are not microdata
            }
            String[] l = linkOf.get(e.getKey());
            LinkStage.Linked linkage = linkages.get(e.getKey());
            Dataset<Row> memberships = linkage == null ? null : spark.createDataFrame(
                    linkage.memberships(linkage.result().threshold()), LinkStage.MEMBERSHIPS);
            ResearchExport.Released r = export.records(type, MicrodataForm.of(type, ageBands), e.getValue(),
                    l == null ? null : l[2], e.getKey(), memberships);
            counts.put(type.name() + "_released", r.rows());
            counts.put(type.name() + "_withheld", r.withheld());
        }
        export.writeIndex(releaseId);
        return new StageReport("disclose", counts, seconds(t), List.of());
    }

    /**
     * Started by a server ({@code DARKFIGURE_PARENT_PID}), the job stops the moment the server dies: a run
     * nobody follows could otherwise publish after the restarted server has recorded it as failed.
     */
    private static void exitWithParent() {
        String parent = System.getenv(PARENT_PID);
        if (parent == null || parent.isBlank()) {
            return;
        }
        ProcessHandle.of(Long.parseLong(parent.strip())).ifPresentOrElse(
                p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(3)),
                () -> Runtime.getRuntime().halt(3));
    }

    /** Environment variable naming the process whose end ends the job. */
    public static final String PARENT_PID = "DARKFIGURE_PARENT_PID";

    private static double seconds(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 1e6) / 1e3;
    }

    static String codeVersion() {
        String v = System.getProperty("darkfigure.codeVersion");
        if (v == null || v.isBlank()) {
            v = System.getenv("DARKFIGURE_CODE_VERSION");
        }
        return v == null || v.isBlank() ? "unknown" : v;
    }
}
