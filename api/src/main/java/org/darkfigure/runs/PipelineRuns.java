package org.darkfigure.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.darkfigure.manifest.ManifestJson;
import org.darkfigure.manifest.RunInput;
import org.darkfigure.manifest.ProgressEvent;
import org.darkfigure.manifest.RunManifest;
import org.darkfigure.manifest.RunParameters;
import org.darkfigure.manifest.StorageLayout;
import org.darkfigure.registry.ProfileRegistry;
import org.darkfigure.registry.Run;
import org.darkfigure.registry.RunRegistry;
import org.darkfigure.registry.RunStatus;
import org.darkfigure.registry.Submission;
import org.darkfigure.registry.SubmissionRegistry;
import org.darkfigure.releases.ReleaseStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts pipeline runs, one at a time: writes the run manifest (the current submissions), records
 * the run, launches the job and follows its progress stream into the registry until it ends.
 */
public final class PipelineRuns implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineRuns.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SubmissionRegistry submissions;
    private final ProfileRegistry profiles;
    private final RunRegistry runs;
    private final StorageLayout layout;
    private final JobLauncher launcher;
    private final String sparkMaster;
    private final ReleaseStore releases;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pipeline-run");
        t.setDaemon(true);
        return t;
    });

    public PipelineRuns(SubmissionRegistry submissions, ProfileRegistry profiles, RunRegistry runs, StorageLayout layout,
                        JobLauncher launcher, String sparkMaster) {
        this.releases = new ReleaseStore(layout);
        this.submissions = submissions;
        this.profiles = profiles;
        this.runs = runs;
        this.layout = layout;
        this.launcher = launcher;
        this.sparkMaster = sparkMaster;
    }

    /** Thrown when a run is already going; mapped to HTTP 409. */
    public static final class RunInProgressException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public RunInProgressException(String runId) {
            super("run " + runId + " is still going; wait for it to finish");
        }
    }

    /** A started run and the future that completes when it ends. */
    public record Started(Run run, Future<Run> completion) {
    }

    public synchronized Started start(RunParameters parameters) throws SQLException, IOException {
        long seed = parameters.seed();
        var active = runs.active();
        if (active.isPresent()) {
            throw new RunInProgressException(active.get().id());
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        byte[] suffix = new byte[2];
        RANDOM.nextBytes(suffix);
        String id = RUN_TIME.format(now) + "-" + HexFormat.of().formatHex(suffix);
        List<RunInput> inputs = new ArrayList<>();
        Map<String, String> profileJson = new java.util.TreeMap<>();
        for (Submission s : submissions.current()) {
            RunInput input = new RunInput(s.id(), s.country(), s.source(), s.recordType(), s.schemaVersion(), s.period(),
                    s.revision(), s.sha256(), s.stagedPath(), s.rows(), s.profileVersion());
            inputs.add(input);
            if (s.profileVersion() > 0 && !profileJson.containsKey(input.profileKey())) {
                profileJson.put(input.profileKey(), profiles.find(s.country(), s.profileVersion()).orElseThrow().toJson());
            }
        }
        RunManifest manifest = new RunManifest(id, now.toString(), layout.root(), seed, parameters.asManifest(), inputs,
                profileJson);
        Path folder = Path.of(layout.run(id));
        Files.createDirectories(folder);
        Path manifestPath = folder.resolve("run-manifest.json");
        try (OutputStream out = Files.newOutputStream(manifestPath)) {
            ManifestJson.write(out, manifest);
        }
        Path log = folder.resolve("log.txt");
        Run run = new Run(id, RunStatus.RUNNING, "queued", 0, 4, inputs.size(), seed, null, null,
                manifestPath.toString(), log.toString(), now, null);
        runs.create(run);
        Future<Run> completion = executor.submit(() -> execute(run));
        return new Started(run, completion);
    }

    private Run execute(Run run) throws SQLException {
        String releaseId = null;
        String lastLine = "";
        try {
            List<String> args = List.of("pipeline-job", "--run-manifest", run.manifestPath(), "--master", sparkMaster);
            String[] published = new String[1];
            String[] last = new String[] {""};
            int exit = launcher.run(args, Path.of(run.logPath()), line -> {
                java.util.Optional<ProgressEvent> event = ProgressEvent.of(line);
                if (event.isPresent()) {
                    follow(run.id(), event.get(), published);
                } else if (!line.isBlank()) {
                    last[0] = line;
                }
            });
            within.remove(run.id());
            releaseId = published[0];
            lastLine = last[0];
            if (exit == 0 && releaseId != null) {
                runs.finish(run.id(), RunStatus.SUCCEEDED, releaseId, "published release " + releaseId);
            } else {
                discardQuietly(run.id());
                runs.finish(run.id(), RunStatus.FAILED, null, "the pipeline exited with code " + exit
                        + (lastLine.isEmpty() ? "" : ": " + lastLine) + " (full log: runs/" + run.id() + "/log.txt)");
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            LOG.error("run {} could not be executed", run.id(), e);
            discardQuietly(run.id());
            runs.finish(run.id(), RunStatus.FAILED, null, "the pipeline could not be started: " + e.getMessage());
        }
        return runs.find(run.id()).orElseThrow();
    }

    private void discardQuietly(String runId) {
        try {
            releases.discardUnpublished(runId);
        } catch (IOException e) {
            LOG.warn("run {}: could not remove its unpublished output: {}", runId, e.getMessage());
        }
    }

    /**
     * What a running run's current stage is doing now (issue 18, item 12: progress within stages), from its last
     * "running" event; held in memory only, since it means nothing once the run has ended.
     */
    public java.util.Optional<ProgressEvent> within(String runId) {
        return java.util.Optional.ofNullable(within.get(runId));
    }

    private final java.util.Map<String, ProgressEvent> within = new java.util.concurrent.ConcurrentHashMap<>();

    private void follow(String runId, ProgressEvent event, String[] published) {
        if (event.releaseId() != null) {
            published[0] = event.releaseId();
        }
        if (event.isWithin()) {
            within.put(runId, event);
            return;
        }
        within.remove(runId); // a stage started or ended: what the last one was doing is over
        if (event.done() != null) {
            try {
                runs.progress(runId, event.stage() + " " + event.state(), event.done(), event.of() == null ? 0 : event.of());
            } catch (SQLException e) {
                LOG.warn("run {}: could not record progress {}: {}", runId, event, e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
