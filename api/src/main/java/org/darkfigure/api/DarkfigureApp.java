package org.darkfigure.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import org.darkfigure.charts.OverviewPage;
import org.darkfigure.codes.NationalProfile;
import org.darkfigure.intake.IntakeOutcome;
import org.darkfigure.intake.UploadFormat;
import org.darkfigure.intake.UploadOptions;
import org.darkfigure.intake.UploadTooLargeException;
import org.darkfigure.registry.Run;
import org.darkfigure.registry.Submission;
import org.darkfigure.runs.PipelineRuns;
import org.darkfigure.runs.RunParameters;
import org.darkfigure.submission.SubmissionManifest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the web application. {@code Main} and the tests create it the same way, from {@link Services}.
 */
public final class DarkfigureApp {

    private static final Logger LOG = LoggerFactory.getLogger(DarkfigureApp.class);

    private DarkfigureApp() {
    }

    public static Javalin create(Services services) {
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.staticFiles.enableWebjars();
            config.staticFiles.add(files -> {
                files.hostedPath = "/assets";
                files.directory = "/public/assets";
                files.location = Location.CLASSPATH;
            });
            config.http.defaultContentType = "application/json";
        });

        app.post("/api/v1/submissions", ctx -> upload(ctx, services));
        app.get("/api/v1/submissions", ctx -> ctx.json(services.submissions().all().stream()
                .map(s -> SubmissionJson.of(s, false)).toList()));
        app.get("/api/v1/submissions/{id}/report.csv", ctx -> {
            Submission s = services.submissions().find(ctx.pathParam("id"))
                    .orElseThrow(() -> new NotFound("no submission " + ctx.pathParam("id")));
            ctx.contentType("text/csv; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"" + s.id() + "-report.csv\"")
                    .result(ReportCsv.of(s.reportJson()));
        });
        app.get("/api/v1/submissions/{id}", ctx -> {
            Submission s = services.submissions().find(ctx.pathParam("id"))
                    .orElseThrow(() -> new NotFound("no submission " + ctx.pathParam("id")));
            ctx.json(SubmissionJson.of(s, true));
        });

        app.put("/api/v1/profiles/{country}", ctx -> {
            try {
                var profile = services.profiles().save(ctx.pathParam("country"), ctx.body());
                ctx.status(HttpStatus.CREATED).contentType("application/json").result(profile.toJson());
            } catch (NationalProfile.InvalidProfileException e) {
                Map<String, Object> body = new ApiProblem(422, "Profile refused", e.getMessage()).body();
                body.put("problems", e.problems());
                ctx.status(422).json(body);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                problem(ctx, new ApiProblem(400, "Not JSON", "the profile is not valid JSON: " + e.getOriginalMessage()));
            }
        });
        app.get("/api/v1/profiles/{country}", ctx -> ctx.contentType("application/json")
                .result(services.profiles().current(ctx.pathParam("country")).toJson()));

        app.post("/api/v1/runs", ctx -> startRun(ctx, services));
        app.get("/api/v1/runs", ctx -> ctx.json(services.runs().all().stream().map(RunJson::of).toList()));
        app.get("/api/v1/runs/{id}", ctx -> ctx.json(RunJson.of(services.runs().find(ctx.pathParam("id"))
                .orElseThrow(() -> new NotFound("no run " + ctx.pathParam("id"))))));

        app.get("/api/v1/releases", ctx -> ctx.json(Map.of(
                "current", services.releases().currentId().orElse(""),
                "releases", services.releases().ids())));
        app.get("/api/v1/releases/{id}/manifest", ctx -> ctx.contentType("application/json").result(
                services.releases().manifestJson(ctx.pathParam("id"))
                        .orElseThrow(() -> new NotFound("no release " + ctx.pathParam("id")))));
        app.get("/api/v1/estimates", ctx -> estimates(ctx, services));

        app.get("/", ctx -> ctx.html(OverviewPage.render()));
        StandardRoutes.register(app);

        app.exception(NotFound.class, (e, ctx) -> problem(ctx, new ApiProblem(404, "Not found", e.getMessage())));
        app.exception(PipelineRuns.RunInProgressException.class,
                (e, ctx) -> problem(ctx, new ApiProblem(409, "A run is in progress", e.getMessage())));
        app.exception(UploadTooLargeException.class, (e, ctx) -> problem(ctx, new ApiProblem(413, "Upload too large",
                e.getMessage() + "; nothing was stored. The limit is set by "
                        + (e.decompressed() ? AppConfig.MAX_DECOMPRESSED_BYTES : AppConfig.MAX_UPLOAD_BYTES))));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            problem(ctx, new ApiProblem(500, "Internal error", "the server could not complete the request; "
                    + "the operator can find the details in the server log"));
        });
        app.error(404, ctx -> {
            if (ctx.result() == null) {
                problem(ctx, new ApiProblem(404, "Not found", "no such resource: " + ctx.path()));
            }
        });
        return app;
    }

    private static void upload(Context ctx, Services services) throws Exception {
        SubmissionManifest manifest = new SubmissionManifest(ctx.queryParam("country"), ctx.queryParam("source"),
                ctx.queryParam("recordType"), ctx.queryParam("period"), ctx.queryParam("schemaVersion"));
        String formatName = Optional.ofNullable(ctx.queryParam("format")).orElse("csv");
        Optional<UploadFormat> format = UploadFormat.parse(formatName);
        if (format.isEmpty()) {
            problem(ctx, new ApiProblem(400, "Unknown format", "format '" + formatName
                    + "' is not one of csv, jsonl, xlsx, parquet (gzip-compressed files are recognised by themselves)"));
            return;
        }
        String delimiter = Optional.ofNullable(ctx.queryParam("delimiter")).orElse(",");
        if (delimiter.equals("tab") || delimiter.equals("\\t")) {
            delimiter = "\t";
        }
        if (delimiter.length() != 1 || delimiter.charAt(0) > 0x7f || "\"\r\n".contains(delimiter)) {
            problem(ctx, new ApiProblem(400, "Bad delimiter", "delimiter must be one ASCII character such as , ; | or tab"));
            return;
        }
        IntakeOutcome outcome;
        try (InputStream body = ctx.bodyInputStream()) {
            outcome = services.intake().receive(manifest, body, new UploadOptions(format.get(), delimiter.charAt(0)));
        }
        if (outcome instanceof IntakeOutcome.Accepted accepted) {
            ObjectNode json = SubmissionJson.of(accepted.submission(), true);
            json.put("alreadyReceived", accepted.alreadyReceived());
            ctx.status(accepted.alreadyReceived() ? HttpStatus.OK : HttpStatus.CREATED)
                    .header("Location", "/api/v1/submissions/" + accepted.submission().id())
                    .json(json);
        } else {
            var report = outcome.report();
            ObjectNode json = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(new ApiProblem(422,
                    "Submission refused", report.errors() + " error(s) found in " + report.rowsRead()
                    + " row(s); nothing was stored. Fix them and upload the whole file again.").body());
            json.set("report", SubmissionJson.report(report));
            ((IntakeOutcome.Refused) outcome).record().ifPresent(r -> {
                json.put("id", r.id());
                ctx.header("Location", "/api/v1/submissions/" + r.id());
            });
            ctx.status(422).json(json);
        }
    }

    private static void startRun(Context ctx, Services services) throws Exception {
        if (services.pipelineRuns() == null) {
            problem(ctx, new ApiProblem(503, "Runs unavailable", "this server has no job command configured ("
                    + AppConfig.JOBS_CLASSPATH + " or " + AppConfig.JOB_COMMAND + "); start it with ./darkfigure serve"));
            return;
        }
        Map<String, String> given = new java.util.LinkedHashMap<>();
        ctx.queryParamMap().forEach((name, values) -> given.put(name, values.isEmpty() ? "" : values.get(0)));
        RunParameters parameters;
        try {
            parameters = RunParameters.parse(given);
        } catch (RunParameters.InvalidRunParametersException e) {
            problem(ctx, new ApiProblem(400, "Bad run parameters", e.getMessage()));
            return;
        }
        Run run = services.pipelineRuns().start(parameters).run();
        ctx.status(HttpStatus.ACCEPTED).header("Location", "/api/v1/runs/" + run.id()).json(RunJson.of(run));
    }

    private static void estimates(Context ctx, Services services) throws Exception {
        String release = ctx.queryParam("release");
        if (release == null) {
            release = services.releases().currentId().orElseThrow(() -> new NotFound(
                    "no release has been published yet: upload submissions and run the pipeline (POST /api/v1/runs)"));
        }
        String id = release;
        ctx.contentType("application/json").result(services.releases().estimatesJson(id)
                .orElseThrow(() -> new NotFound("no release " + id)));
    }

    private static void problem(Context ctx, ApiProblem problem) {
        ctx.status(problem.code()).json(problem.body());
    }

    /** A resource that does not exist; mapped to 404. */
    static final class NotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotFound(String message) {
            super(message);
        }
    }
}
