package org.darkfigure.api;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import org.darkfigure.access.AuditLog;
import org.darkfigure.access.FailedAttempts;
import org.darkfigure.access.Sessions;
import org.darkfigure.access.TokenRegistry;
import org.darkfigure.intake.Intake;
import org.darkfigure.manifest.StorageLayout;
import org.darkfigure.registry.Database;
import org.darkfigure.registry.ProfileRegistry;
import org.darkfigure.registry.Run;
import org.darkfigure.registry.RunRegistry;
import org.darkfigure.registry.RunStatus;
import org.darkfigure.registry.SubmissionRegistry;
import org.darkfigure.releases.EstimatesViews;
import org.darkfigure.releases.ReleaseStore;
import org.darkfigure.runs.PipelineRuns;
import org.darkfigure.standard.Standard;

/** Everything the HTTP layer and the commands use, opened once from a configuration. */
public record Services(AppConfig config, Database database, SubmissionRegistry submissions, ProfileRegistry profiles,
                       RunRegistry runs, Intake intake, PipelineRuns pipelineRuns, ReleaseStore releases,
                       TokenRegistry tokens, AuditLog audit, Sessions sessions, FailedAttempts failedAttempts,
                       EstimatesViews estimates)
        implements AutoCloseable {

    public static Services open(AppConfig config) throws SQLException, IOException {
        java.nio.file.Files.createDirectories(config.dataRoot());
        StorageLayout layout = new StorageLayout(config.dataRoot().toString());
        Database database = Database.open(config.database().url(), config.database().user(), config.database().password());
        SubmissionRegistry submissions = new SubmissionRegistry(database.dataSource());
        ProfileRegistry profiles = new ProfileRegistry(database.dataSource(), Standard.builtIn());
        RunRegistry runs = new RunRegistry(database.dataSource());
        Intake intake = new Intake(Standard.builtIn(), submissions, profiles, layout, config.uploads().maxBytes(),
                config.uploads().maxDecompressedBytes());
        PipelineRuns pipelineRuns = config.jobs().command().isEmpty() ? null
                : new PipelineRuns(submissions, profiles, runs, layout, config.jobLauncher(), config.jobs().sparkMaster());
        ReleaseStore releases = new ReleaseStore(layout);
        return new Services(config, database, submissions, profiles, runs, intake, pipelineRuns, releases,
                new TokenRegistry(database.dataSource()), new AuditLog(database.dataSource()), new Sessions(),
                new FailedAttempts(config.http().authFailureLimit(), java.time.Duration.ofMinutes(5)),
                new EstimatesViews(releases, config.smallCellThreshold()));
    }

    /**
     * Start-up housekeeping after a crash: drop half-received uploads, close runs whose process died, and
     * remove what those runs left in releases/ (working folders; a release renamed into place but never
     * made current). The current release stays as it was.
     */
    public void recover() throws SQLException, IOException {
        intake.sweepOrphans();
        List<Run> abandoned = runs.all().stream().filter(r -> r.status() == RunStatus.RUNNING).toList();
        runs.failAbandoned("interrupted: the server stopped while the run was going");
        for (Run run : abandoned) {
            releases.discardUnpublished(run.id());
        }
        releases.sweepWorkingFolders();
    }

    @Override
    public void close() {
        if (pipelineRuns != null) {
            pipelineRuns.close();
        }
        database.close();
    }
}
