package org.darkfigure.pipeline;

import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.darkfigure.cli.Command;
import org.darkfigure.cli.CommandLine;
import org.darkfigure.crash.Failpoint;
import org.darkfigure.detection.spark.DetectionTables;
import org.darkfigure.disclosure.spark.ResearchExport;
import org.darkfigure.disclosure.spark.ResearcherDownloads;
import org.darkfigure.estimate.spark.EstimateStage;
import org.darkfigure.harmonise.spark.HarmoniseStage;
import org.darkfigure.link.spark.LinkStage;
import org.darkfigure.manifest.ManifestJson;
import org.darkfigure.manifest.ReleaseManifest;
import org.darkfigure.manifest.RunManifest;
import org.darkfigure.manifest.RunParameters;
import org.darkfigure.manifest.StageReport;
import org.darkfigure.manifest.StorageLayout;
import org.darkfigure.release.spark.PublishStage;
import org.darkfigure.release.spark.PublishedTables;
import org.darkfigure.spark.SparkSessions;
import org.darkfigure.spark.StageContext;
import org.darkfigure.spark.Staged;
import org.darkfigure.spark.Storage;
import org.darkfigure.standard.Standard;

/**
 * The batch pipeline: harmonise -> link -> estimate -> publish, from a run manifest to an
 * immutable release folder. Runs the same on {@code local[*]} and under spark-submit on a cluster.
 */
public final class PipelineJob implements Command {


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
     * {@code reproductions/} that never becomes current. Each stage takes typed inputs and returns its output,
     * its report and the files it wrote ({@link Staged}); this method only puts them in order.
     */
    static ReleaseManifest run(SparkSession spark, Storage storage, RunManifest run, Progress progress,
                               boolean reproduction) throws Exception {
        StorageLayout layout = new StorageLayout(run.storageRoot());
        String releaseId = run.runId();
        String working = PublishStage.workingFolder(layout, releaseId);
        storage.delete(working); // a crashed earlier attempt of this very run
        RunParameters parameters = RunParameters.fromManifest(run.seed(), run.parameters());
        StageContext ctx = new StageContext(spark, storage, working, releaseId, parameters, progress::emit);
        Standard standard = Standard.builtIn();
        Stages stages = new Stages(progress);

        stages.start("harmonise", 0);
        var harmonised = stages.done(HarmoniseStage.harmonise(ctx, run, standard), "pipeline.harmonise").output();
        stages.start("link", 1);
        var linkages = stages.done(LinkStage.linkAll(ctx, harmonised), "pipeline.link").output();
        stages.start("estimate", 2);
        stages.done(EstimateStage.estimateAll(ctx, harmonised, linkages), "pipeline.estimate");
        stages.add(DetectionTables.run(storage, working, harmonised), DetectionTables.OUTPUT);
        stages.add(PublishedTables.write(storage, working, releaseId, parameters.smallCell()), PublishedTables.OUTPUTS);
        stages.finished("estimate", 3);
        stages.start("publish", 3);
        stages.add(ResearcherDownloads.release(ctx, standard, harmonised, linkages));

        ReleaseManifest release = new ReleaseManifest(releaseId, run.runId(), Instant.now().truncatedTo(ChronoUnit.SECONDS)
                .toString(), codeVersion(), run.seed(), parameters.asManifest(), method(), run.inputs(), run.profiles(),
                stages.reports(), stages.files());
        if (reproduction) {
            PublishStage.publishReproduction(storage, layout, release);
        } else {
            PublishStage.publish(storage, layout, release);
        }
        progress.published(releaseId);
        progress.stage("publish", "finished", 4, 4);
        return release;
    }

    /** How the release was made, in words, for its manifest. */
    private static Map<String, String> method() {
        Map<String, String> method = new LinkedHashMap<>();
        method.put("strata", "population x country x year (x sub-stratum of aggregated tables)");
        method.put("linkage", "Fellegi-Sunter, EM-fitted m/u, accepted at posterior >= linkThreshold (default 0.5)");
        method.put("disclosure", "researcher downloads: linkage fields, sensitive attributes, identifiers and free "
                + "text dropped; quasi-identifiers coarsened until every combination has at least k records, at most "
                + ResearchExport.WITHHELD_SHARE * 100 + "% withheld (see research/datasets.json); published tables ("
                + PublishedTables.OUTPUTS + ", what viewers get): " + org.darkfigure.disclosure.PublishedEstimates.RULE
                + ", threshold smallCell");
        method.put("estimator", "Chapman (2 lists); 3+ lists: the all-two-way log-linear model with its "
                + "profile-likelihood interval, or where the table cannot support it the searched models averaged with AIC "
                + "weights (model-averaged profile-likelihood interval), as chosen by the simulation study (README, "
                + "Estimation); each estimate's quality carries the study's coverage for its situation; totals: sum with "
                + "sqrt(sum se^2), log-normal interval");
        return method;
    }

    /** The stages' reports and files in the order they ran, and their progress events. */
    private static final class Stages {
        private static final int OF = 4;
        private final Progress progress;
        private final List<StageReport> reports = new ArrayList<>();
        private final List<String> files = new ArrayList<>();

        Stages(Progress progress) {
            this.progress = progress;
        }

        void start(String stage, int done) {
            progress.stage(stage, "started", done, OF);
        }

        void finished(String stage, int done) {
            progress.stage(stage, "finished", done, OF);
        }

        /** A main stage: recorded, its failpoint reached, its end reported. */
        <T> Staged<T> done(Staged<T> staged, String failpoint) {
            add(staged);
            Failpoint.reach(failpoint);
            if (!staged.report().stage().equals("estimate")) { // the estimate stage ends after its tables
                finished(staged.report().stage(), reports.size());
            }
            return staged;
        }

        void add(Staged<?> staged) {
            reports.add(staged.report());
            files.addAll(staged.files());
        }

        void add(StageReport report, String file) {
            add(report, List.of(file));
        }

        void add(StageReport report, List<String> written) {
            reports.add(report);
            files.addAll(written);
        }

        List<StageReport> reports() {
            return reports;
        }

        List<String> files() {
            return files;
        }
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
    public static final String PARENT_PID = org.darkfigure.manifest.ProgressEvent.PARENT_PID;


    static String codeVersion() {
        String v = System.getProperty("darkfigure.codeVersion");
        if (v == null || v.isBlank()) {
            v = System.getenv("DARKFIGURE_CODE_VERSION");
        }
        return v == null || v.isBlank() ? "unknown" : v;
    }
}
