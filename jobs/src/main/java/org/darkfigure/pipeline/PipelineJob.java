package org.darkfigure.pipeline;

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
import org.darkfigure.estimate.spark.EstimateStage;
import org.darkfigure.harmonise.spark.HarmoniseStage;
import org.darkfigure.link.spark.LinkStage;
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

    /** Runs every stage and publishes; returns the release manifest. */
    public static ReleaseManifest run(SparkSession spark, Storage storage, RunManifest run, Progress progress)
            throws Exception {
        StorageLayout layout = new StorageLayout(run.storageRoot());
        String releaseId = run.runId();
        String working = PublishStage.workingFolder(layout, releaseId);
        storage.delete(working); // a crashed earlier attempt of this very run
        double level = Double.parseDouble(run.parameters().getOrDefault("level", DEFAULT_LEVEL));
        RecordType migrant = Standard.builtIn().require("migrant", 1);
        List<StageReport> stages = new ArrayList<>();
        List<String> outputs = new ArrayList<>();

        progress.stage("harmonise", "started", 0, 4);
        long t = System.nanoTime();
        String harmonisedPath = working + "/harmonised/migrant";
        HarmoniseStage.run(spark, migrant, run).write().mode(SaveMode.ErrorIfExists)
                .parquet(Storage.qualify(harmonisedPath));
        Dataset<Row> harmonised = spark.read().parquet(Storage.qualify(harmonisedPath));
        long records = harmonised.count();
        stages.add(new StageReport("harmonise", Map.of("inputs", (long) run.inputs().size(), "records", records),
                seconds(t), List.of()));
        outputs.add("harmonised/migrant");
        progress.stage("harmonise", "finished", 1, 4);

        progress.stage("link", "started", 1, 4);
        t = System.nanoTime();
        String personsPath = working + "/linked/persons";
        LinkStage.persons(harmonised).write().parquet(Storage.qualify(personsPath));
        Dataset<Row> persons = spark.read().parquet(Storage.qualify(personsPath));
        Row linkCounts = LinkStage.counts(harmonised);
        long personCount = persons.count();
        Map<String, Long> linkReport = new LinkedHashMap<>();
        linkReport.put("records", linkCounts.getLong(0));
        linkReport.put("records_with_key", linkCounts.getLong(1));
        linkReport.put("within_source_duplicates", linkCounts.getLong(0) - linkCounts.getLong(2));
        linkReport.put("persons", personCount);
        List<String> linkWarnings = new ArrayList<>();
        long keyless = linkCounts.getLong(0) - linkCounts.getLong(1);
        if (keyless > 0) {
            linkWarnings.add(keyless + " records have no linkage key and count as distinct people (may inflate estimates)");
        }
        stages.add(new StageReport("link", linkReport, seconds(t), linkWarnings));
        outputs.add("linked/persons");
        progress.stage("link", "finished", 2, 4);

        progress.stage("estimate", "started", 2, 4);
        t = System.nanoTime();
        List<Row> estimates = EstimateStage.estimates(persons, level);
        spark.createDataFrame(estimates, EstimateStage.SCHEMA).coalesce(1).write()
                .parquet(Storage.qualify(working + "/estimates/estimates.parquet"));
        String createdAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        try (OutputStream out = storage.create(working + "/estimates/estimates.json")) {
            out.write(EstimatesJson.render(releaseId, createdAt, level, estimates));
        }
        long notOk = estimates.stream().filter(r -> !"OK".equals(r.getAs("status"))).count();
        stages.add(new StageReport("estimate", Map.of("strata", (long) estimates.size(), "strata_not_ok", notOk),
                seconds(t), notOk > 0 ? List.of(notOk + " strata have no trustworthy estimate") : List.of()));
        outputs.add("estimates/estimates.parquet");
        outputs.add("estimates/estimates.json");
        progress.stage("estimate", "finished", 3, 4);

        progress.stage("publish", "started", 3, 4);
        Map<String, String> parameters = new LinkedHashMap<>(run.parameters());
        parameters.putIfAbsent("level", Double.toString(level));
        parameters.put("strata", "country x year");
        parameters.put("estimator", "chapman (2 lists), log-linear independence (3+ lists)");
        ReleaseManifest release = new ReleaseManifest(releaseId, run.runId(), createdAt, codeVersion(), run.seed(),
                parameters, run.inputs(), stages, outputs);
        PublishStage.publish(storage, layout, release);
        progress.published(releaseId);
        progress.stage("publish", "finished", 4, 4);
        return release;
    }

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
