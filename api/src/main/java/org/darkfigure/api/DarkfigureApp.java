package org.darkfigure.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import org.darkfigure.access.Access;
import org.darkfigure.access.AccessDenied;
import org.darkfigure.access.AccessGate;
import org.darkfigure.access.AccessRoutes;
import org.darkfigure.access.JsonErrorHandler;
import org.darkfigure.access.Principal;
import org.darkfigure.access.RequestGuard;
import org.darkfigure.access.Role;
import org.darkfigure.access.SecurityHeaders;
import org.darkfigure.charts.OverviewPage;
import org.darkfigure.disclosure.PublishedEstimates;
import org.darkfigure.intake.IntakeOutcome;
import org.darkfigure.intake.UploadFormat;
import org.darkfigure.intake.UploadOptions;
import org.darkfigure.manifest.RunParameters;
import org.darkfigure.manifest.StorageLayout;
import org.darkfigure.profile.NationalProfile;
import org.darkfigure.registry.Run;
import org.darkfigure.registry.Submission;
import org.darkfigure.releases.EstimatesViews;
import org.darkfigure.releases.ReleaseManifests;
import org.darkfigure.submission.SubmissionManifest;
import org.darkfigure.web.HttpProblem;
import org.darkfigure.web.ReleasesPage;
import org.darkfigure.web.RunsPage;
import org.darkfigure.web.StratumPage;
import org.darkfigure.web.SubmissionsPage;
import org.darkfigure.web.UploadPage;

/**
 * Builds the web application. {@code Main} and the tests create it the same way, from {@link Services}.
 */
public final class DarkfigureApp {

    private static final java.util.regex.Pattern RESEARCH_FILE = java.util.regex.Pattern.compile("([a-z_]+)\\.(csv|parquet)");

    static final String UPLOAD_PATH = "/api/v1/submissions";

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
            int threads = Math.max(8, services.config().http().threads()); // Jetty's acceptor and selectors need some
            config.jetty.threadPool = new org.eclipse.jetty.util.thread.QueuedThreadPool(threads, Math.min(8, threads));
            // slow bodies never hold the request threads (issue 17: 20 slow sign-ins stalled the server for 28 s)
            config.jetty.modifyHttpConfiguration(http -> {
                http.setIdleTimeout(RequestGuard.BLOCKING_READ_TIMEOUT_MS);
                http.setMinRequestDataRate(RequestGuard.MIN_DATA_RATE);
                http.setSendServerVersion(false);
            });
            RequestGuard limits = new RequestGuard(UPLOAD_PATH, services.config().uploads().maxBytes(),
                    services.config().uploads().concurrent());
            config.jetty.modifyServletContextHandler(context -> {
                context.addFilter(new org.eclipse.jetty.servlet.FilterHolder(limits), "/*",
                        java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST));
                context.setErrorHandler(new JsonErrorHandler());
            });
            config.jetty.modifyServer(server -> {
                server.setErrorHandler(new JsonErrorHandler());
                readBodiesInLargeChunks(server);
            });
        });

        AccessGate gate = new AccessGate(services.tokens(), services.sessions(), services.failedAttempts(), services.audit());
        java.util.Set<String> proxies = services.config().http().trustedProxies();
        app.before(ctx -> org.darkfigure.access.ClientAddress.resolve(ctx, proxies));
        app.before(SecurityHeaders::apply);
        app.beforeMatched(gate::check);

        // Every route names who may call it; a route without roles admits nobody (AccessTest lists them all).
        app.post(UPLOAD_PATH, ctx -> upload(ctx, services), Role.SUBMITTER);
        app.get("/api/v1/submissions", ctx -> {
            Principal p = AccessGate.require(ctx);
            ctx.json(services.submissions().all().stream().filter(s -> mayRead(p, s.country()))
                    .map(s -> SubmissionJson.of(s, false)).toList());
        }, Role.SUBMITTER, Role.ADMIN);
        app.get("/api/v1/submissions/{id}/report.csv", ctx -> {
            Submission s = readable(ctx, services, ctx.pathParam("id"));
            services.audit().record(AccessGate.require(ctx), "download", "report " + s.id(), "ok", null, org.darkfigure.access.ClientAddress.of(ctx));
            ctx.contentType("text/csv; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"" + s.id() + "-report.csv\"")
                    .result(ReportCsv.of(s.reportJson()));
        }, Role.SUBMITTER, Role.ADMIN);
        app.get("/api/v1/submissions/{id}", ctx -> ctx.json(SubmissionJson.of(readable(ctx, services, ctx.pathParam("id")), true)),
                Role.SUBMITTER, Role.ADMIN);

        app.put("/api/v1/profiles/{country}", ctx -> saveProfile(ctx, services, false), Role.SUBMITTER, Role.ADMIN);
        app.put("/api/v1/profiles/{country}/sources", ctx -> saveProfile(ctx, services, true), Role.SUBMITTER, Role.ADMIN);
        app.get("/api/v1/profiles/{country}", ctx -> {
            if (!mayRead(AccessGate.require(ctx), ctx.pathParam("country"))) {
                throw AccessDenied.forbidden("a submitter reads only its own state's profile");
            }
            ctx.contentType("application/json").result(services.profiles().current(ctx.pathParam("country")).toJson());
        }, Role.SUBMITTER, Role.ADMIN);

        app.post("/api/v1/runs", ctx -> startRun(ctx, services), Role.ADMIN);
        app.get("/api/v1/runs", ctx -> ctx.json(services.runs().all().stream().map(RunJson::of).toList()), Role.ADMIN);
        app.get("/api/v1/runs/{id}", ctx -> ctx.json(RunJson.of(services.runs().find(ctx.pathParam("id"))
                .orElseThrow(() -> HttpProblem.notFound("no run " + ctx.pathParam("id"))),
                services.pipelineRuns() == null ? java.util.Optional.empty()
                        : services.pipelineRuns().within(ctx.pathParam("id")))), Role.ADMIN);
        app.get("/api/v1/runs/{id}/log", ctx -> {
            Run run = services.runs().find(ctx.pathParam("id")).orElseThrow(() -> HttpProblem.notFound("no run " + ctx.pathParam("id")));
            java.nio.file.Path log = java.nio.file.Path.of(run.logPath());
            ctx.contentType("text/plain; charset=utf-8").result(java.nio.file.Files.exists(log)
                    ? java.nio.file.Files.readAllBytes(log) : new byte[0]);
        }, Role.ADMIN);

        app.get("/api/v1/releases", ctx -> ctx.json(Map.of(
                "current", services.releases().currentId().orElse(""),
                "releases", services.releases().ids())), Role.VIEWER, Role.RESEARCHER, Role.ADMIN);
        app.get("/api/v1/releases/{id}/manifest", ctx -> {
            byte[] manifest = services.releases().manifestJson(ctx.pathParam("id"))
                    .orElseThrow(() -> HttpProblem.notFound("no release " + ctx.pathParam("id")));
            Principal p = AccessGate.require(ctx);
            services.audit().record(p, "download", "manifest " + ctx.pathParam("id"), "ok", null, org.darkfigure.access.ClientAddress.of(ctx));
            ctx.contentType("application/json").result(p.is(Role.ADMIN) ? manifest : ReleaseManifests.forResearchers(manifest));
        }, Role.RESEARCHER, Role.ADMIN);
        app.get("/api/v1/releases/{id}/data", ctx -> {
            String id = ctx.pathParam("id");
            byte[] index = services.releases().file(id, StorageLayout.RESEARCH_INDEX)
                    .orElseThrow(() -> HttpProblem.notFound("release " + id + " has no researcher downloads"));
            ctx.contentType("application/json").result(index);
        }, Role.RESEARCHER, Role.ADMIN);
        app.get("/api/v1/releases/{id}/data/{file}", ctx -> researchFile(ctx, services), Role.RESEARCHER, Role.ADMIN);
        app.get("/api/v1/estimates", ctx -> estimates(ctx, services), Role.VIEWER, Role.RESEARCHER, Role.ADMIN);
        app.get("/api/v1/releases/{id}/estimates.csv", ctx -> publishedTable(ctx, services, false),
                Role.VIEWER, Role.RESEARCHER, Role.ADMIN);
        app.get("/api/v1/releases/{id}/estimates.sdmx.csv", ctx -> publishedTable(ctx, services, true),
                Role.VIEWER, Role.RESEARCHER, Role.ADMIN);

        app.get("/", ctx -> ctx.html(OverviewPage.render(AccessGate.require(ctx).role() != Role.VIEWER)), Role.VIEWER,
                Role.RESEARCHER, Role.ADMIN);
        app.get("/upload", ctx -> {
            String country = AccessGate.require(ctx).country();
            ctx.html(UploadPage.render(org.darkfigure.standard.Standard.builtIn(), country,
                    services.profiles().current(country).sources(), csrf(ctx)));
        }, Role.SUBMITTER);
        app.get("/submissions", ctx -> {
            Principal p = AccessGate.require(ctx);
            ctx.html(SubmissionsPage.matrix(
                    services.submissions().all().stream().filter(s -> mayRead(p, s.country())).toList(),
                    services.submissions().refused().stream().filter(s -> mayRead(p, s.country())).toList(),
                    declaredSources(services, p), csrf(ctx)));
        }, Role.SUBMITTER, Role.ADMIN);
        app.get("/submissions/{id}", ctx -> ctx.html(SubmissionsPage.report(readable(ctx, services, ctx.pathParam("id")),
                csrf(ctx))), Role.SUBMITTER, Role.ADMIN);
        app.get("/strata/{population}/{country}/{year}", ctx -> {
            int year;
            try {
                year = Integer.parseInt(ctx.pathParam("year"));
            } catch (NumberFormatException e) {
                throw HttpProblem.notFound("no stratum for year " + ctx.pathParam("year"));
            }
            String release = Optional.ofNullable(ctx.queryParam("release")).orElseGet(() -> {
                try {
                    return services.releases().currentId().orElse("");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            if (!hasStratum(services, release, ctx.pathParam("population"), ctx.pathParam("country"), year)) {
                throw HttpProblem.notFound("release " + (release.isEmpty() ? "(none yet)" : release) + " has no stratum "
                        + ctx.pathParam("population") + " " + ctx.pathParam("country") + " " + year);
            }
            ctx.html(StratumPage.render(ctx.pathParam("population"), ctx.pathParam("country"), year, csrf(ctx)));
        }, Role.RESEARCHER, Role.ADMIN);
        app.get("/runs", ctx -> ctx.html(RunsPage.render(services.runs().all(),
                services.config().smallCellThreshold(), csrf(ctx))), Role.ADMIN);
        app.get("/releases", ctx -> ctx.html(ReleasesPage.render(services.releases(),
                !AccessGate.require(ctx).is(Role.VIEWER), csrf(ctx))), Role.VIEWER, Role.RESEARCHER, Role.ADMIN);
        new AccessRoutes(services.tokens(), services.sessions(), services.failedAttempts(), services.audit()).register(app);
        StandardRoutes.register(app);
        DetectionRoutes.register(app, services);
        ApiDocs.register(app);
        app.get("/favicon.ico", ctx -> ctx.status(HttpStatus.NO_CONTENT), Access.PUBLIC); // no icon, and no 404 in consoles

        ProblemMapper.register(app);
        return app;
    }

    private static void upload(Context ctx, Services services) throws Exception {
        ownState(ctx, services, String.valueOf(ctx.queryParam("country")));
        Principal who = AccessGate.require(ctx);
        SubmissionManifest manifest = new SubmissionManifest(ctx.queryParam("country"), ctx.queryParam("source"),
                ctx.queryParam("recordType"), ctx.queryParam("period"), ctx.queryParam("schemaVersion"));
        String formatName = Optional.ofNullable(ctx.queryParam("format")).orElse("csv");
        Optional<UploadFormat> format = UploadFormat.parse(formatName);
        if (format.isEmpty()) {
            throw HttpProblem.badRequest("Unknown format", "format '" + formatName
                    + "' is not one of csv, jsonl, xlsx, parquet (gzip-compressed files are recognised by themselves)");
        }
        String delimiter = Optional.ofNullable(ctx.queryParam("delimiter")).orElse(",");
        if (delimiter.equals("tab") || delimiter.equals("\\t")) {
            delimiter = "\t";
        }
        if (delimiter.length() != 1 || delimiter.charAt(0) > 0x7f || "\"\r\n".contains(delimiter)) {
            throw HttpProblem.badRequest("Bad delimiter", "delimiter must be one ASCII character such as , ; | or tab");
        }
        Optional<String> declared;
        try {
            declared = DeclaredDigest.of(ctx.queryParam("sha256"), ctx.header("Repr-Digest"), ctx.header("Digest"));
        } catch (IllegalArgumentException e) {
            throw HttpProblem.badRequest("Bad checksum", e.getMessage());
        }
        IntakeOutcome outcome;
        try (InputStream body = ctx.bodyInputStream()) {
            outcome = services.intake().receive(manifest, body, new UploadOptions(format.get(), delimiter.charAt(0), declared));
        }
        if (outcome instanceof IntakeOutcome.Accepted accepted) {
            ObjectNode json = SubmissionJson.of(accepted.submission(), true);
            json.put("alreadyReceived", accepted.alreadyReceived());
            services.audit().record(who, "upload", accepted.submission().id() + " " + manifest.country() + "/"
                    + manifest.source() + "/" + manifest.period(), accepted.alreadyReceived() ? "already-received" : "accepted",
                    accepted.submission().rows() + " rows", org.darkfigure.access.ClientAddress.of(ctx));
            ctx.status(accepted.alreadyReceived() ? HttpStatus.OK : HttpStatus.CREATED)
                    .header("Location", "/api/v1/submissions/" + accepted.submission().id())
                    .json(json);
        } else {
            var report = outcome.report();
            HttpProblem refused = new HttpProblem(422, "Submission refused", report.errors() + " error(s) found in "
                    + report.rowsRead() + " row(s); nothing was stored. Fix them and upload the whole file again.")
                    .with("report", SubmissionJson.report(report));
            var record = ((IntakeOutcome.Refused) outcome).record();
            if (record.isPresent()) {
                refused = refused.with("id", record.get().id());
                ctx.header("Location", "/api/v1/submissions/" + record.get().id());
            }
            services.audit().record(who, "upload", manifest.country() + "/" + manifest.source() + "/" + manifest.period(),
                    "refused", report.errors() + " errors", org.darkfigure.access.ClientAddress.of(ctx));
            throw refused;
        }
    }

    private static void startRun(Context ctx, Services services) throws Exception {
        if (services.pipelineRuns() == null) {
            throw new HttpProblem(503, "Runs unavailable", "this server has no job command configured ("
                    + AppConfig.JOBS_CLASSPATH + " or " + AppConfig.JOB_COMMAND + "); start it with ./darkfigure serve");
        }
        Map<String, String> given = new java.util.LinkedHashMap<>();
        ctx.queryParamMap().forEach((name, values) -> given.put(name, values.isEmpty() ? "" : values.get(0)));
        given.putIfAbsent("smallCell", Integer.toString(services.config().smallCellThreshold())); // this server's rule
        RunParameters parameters = RunParameters.parse(given); // InvalidRunParametersException: 400, mapped once
        Run run = services.pipelineRuns().start(parameters).run();
        services.audit().record(AccessGate.require(ctx), "run.start", run.id(), "started", parameters.asManifest().toString(), org.darkfigure.access.ClientAddress.of(ctx));
        ctx.status(HttpStatus.ACCEPTED).header("Location", "/api/v1/runs/" + run.id()).json(RunJson.of(run));
    }

    private static void estimates(Context ctx, Services services) throws Exception {
        String release = ctx.queryParam("release");
        if (release == null) {
            release = services.releases().currentId().orElseThrow(() -> HttpProblem.notFound(
                    "no release has been published yet: upload submissions and run the pipeline (POST /api/v1/runs)"));
        }
        String id = release;
        Principal p = AccessGate.require(ctx);
        EstimatesViews.View view = services.estimates().of(id, p.is(Role.VIEWER))
                .orElseThrow(() -> HttpProblem.notFound("no release " + id));
        services.audit().record(p, "download", "estimates " + id, "ok", null, org.darkfigure.access.ClientAddress.of(ctx));
        ctx.contentType("application/json");
        String accepted = ctx.header("Accept-Encoding");
        if (accepted != null && accepted.contains("gzip")) {
            ctx.header("Content-Encoding", "gzip").result(view.gzipped()); // compressed once, when first asked
        } else {
            ctx.result(view.json());
        }
    }

    /** A release's published table (CSV or SDMX-CSV): the same table viewers' JSON is, for every role. */
    private static void publishedTable(Context ctx, Services services, boolean sdmx) throws Exception {
        String id = ctx.pathParam("id");
        EstimatesViews.View published = services.estimates().of(id, true).orElseThrow(() -> HttpProblem.notFound("no release " + id));
        var lines = PublishedEstimates.lines(published.json());
        services.audit().record(AccessGate.require(ctx), "download", (sdmx ? "estimates.sdmx.csv " : "estimates.csv ") + id,
                "ok", null, org.darkfigure.access.ClientAddress.of(ctx));
        ctx.contentType(sdmx ? "application/vnd.sdmx.data+csv; version=2.0.0; charset=utf-8" : "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"darkfigure-" + id + "-estimates"
                        + (sdmx ? ".sdmx.csv" : ".csv") + "\"")
                .result(sdmx ? PublishedEstimates.sdmxCsv(lines) : PublishedEstimates.csv(lines));
    }

    /**
     * A researcher download (persons or one record type, CSV or Parquet), streamed: linkage fields were
     * never written into it and its quasi-identifiers are k-anonymous (see the release's datasets.json).
     */
    private static void researchFile(Context ctx, Services services) throws Exception {
        String id = ctx.pathParam("id");
        String file = ctx.pathParam("file");
        java.util.regex.Matcher name = RESEARCH_FILE.matcher(file);
        java.nio.file.Path path = (name.matches() ? services.releases().path(id, StorageLayout.RESEARCH + "/" + file)
                : java.util.Optional.<java.nio.file.Path>empty())
                .orElseThrow(() -> HttpProblem.notFound("release " + id + " has no download " + file
                        + " (GET /api/v1/releases/" + id + "/data lists them)"));
        services.audit().record(AccessGate.require(ctx), "download", "data " + file + " " + id, "ok", null, org.darkfigure.access.ClientAddress.of(ctx));
        boolean csv = name.group(2).equals("csv");
        ctx.contentType(csv ? "text/csv; charset=utf-8" : "application/vnd.apache.parquet")
                .header("Content-Disposition", "attachment; filename=\"darkfigure-" + id + "-" + file + "\"");
        // The length is announced only when the bytes go as they are: Parquet is compressed already (so never
        // gzipped again), a CSV is gzipped for clients that ask, and then its length is not known in advance
        // (issue 17: a gzipped body under the plain file's Content-Length broke the download in browsers).
        String accepted = ctx.header("Accept-Encoding");
        if (!csv || accepted == null || !accepted.toLowerCase(java.util.Locale.ROOT).contains("gzip")) {
            ctx.disableCompression();
            ctx.header("Content-Length", Long.toString(java.nio.file.Files.size(path)));
        }
        ctx.result(java.nio.file.Files.newInputStream(path));
    }

    /** Whether the release's estimates have a stratum of this population, country and year. */
    private static boolean hasStratum(Services services, String release, String population, String country, int year)
            throws java.io.IOException {
        if (release.isEmpty()) {
            return false;
        }
        Optional<EstimatesViews.View> view = services.estimates().of(release, false);
        if (view.isEmpty()) {
            return false;
        }
        for (com.fasterxml.jackson.databind.JsonNode s : new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(view.get().json()).path("strata")) {
            if (s.path("population").asText().equals(population) && s.path("country").asText().equals(country)
                    && s.path("year").asInt() == year) {
                return true;
            }
        }
        return false;
    }

    /** The CSRF token of the browser session (empty for token-authenticated requests). */
    private static String csrf(Context ctx) {
        org.darkfigure.access.Sessions.Session s = ctx.attribute(AccessGate.SESSION);
        return s == null ? "" : s.csrf();
    }

    /** Admins read every state's data; a submitter only its own. */
    private static boolean mayRead(Principal p, String country) {
        return p.is(Role.ADMIN) || p.mayActFor(country);
    }

    /** A submission the caller may read; another state's is "not found" (its existence is not revealed). */
    private static Submission readable(Context ctx, Services services, String id) throws java.sql.SQLException {
        Submission s = services.submissions().find(id).orElseThrow(() -> HttpProblem.notFound("no submission " + id));
        if (!mayRead(AccessGate.require(ctx), s.country())) {
            throw HttpProblem.notFound("no submission " + id);
        }
        return s;
    }

    /** Refuses a submitter acting for another state (audited). */
    /** A state's profile, or only its declared sources, saved by its submitter or an admin as the next version. */
    private static void saveProfile(Context ctx, Services services, boolean sourcesOnly) throws Exception {
        String country = ctx.pathParam("country");
        if (AccessGate.require(ctx).role() != Role.ADMIN) {
            ownState(ctx, services, country);
        }
        NationalProfile profile;
        try {
            profile = sourcesOnly ? services.profiles().saveSources(country, ctx.body())
                    : services.profiles().save(country, ctx.body());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw HttpProblem.badRequest("Not JSON", "the " + (sourcesOnly ? "sources are" : "profile is")
                    + " not valid JSON: " + e.getOriginalMessage());
        }
        services.audit().record(AccessGate.require(ctx), sourcesOnly ? "profile.sources" : "profile.save",
                profile.country() + " v" + profile.version(), "ok", null, org.darkfigure.access.ClientAddress.of(ctx));
        ctx.status(HttpStatus.CREATED).contentType("application/json").result(profile.toJson());
    }

    private static java.util.Map<String, java.util.Map<String, String>> declaredSources(Services services, Principal p)
            throws Exception {
        java.util.Map<String, java.util.Map<String, String>> declared = new java.util.TreeMap<>();
        services.profiles().allCurrent().forEach((country, profile) -> {
            if (mayRead(p, country)) {
                declared.put(country, profile.sources());
            }
        });
        return declared;
    }

    private static void ownState(Context ctx, Services services, String country) {
        Principal p = AccessGate.require(ctx);
        if (!p.mayActFor(country)) {
            services.audit().record(p, "access", ctx.method() + " " + ctx.path(), "refused-403",
                    "submitter of " + p.country() + " acting for " + country, org.darkfigure.access.ClientAddress.of(ctx));
            throw AccessDenied.forbidden("this token submits for " + p.country() + " only, not for " + country);
        }
    }

    /**
     * Uploads are read 64 KB per socket read, not Jetty's default 8 KB: at 10M rows (887 MB) the request thread's
     * system time fell from about 2 s to under 1 s. The connectors exist only once the server starts.
     */
    private static void readBodiesInLargeChunks(org.eclipse.jetty.server.Server server) {
        server.addEventListener(new org.eclipse.jetty.util.component.LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(org.eclipse.jetty.util.component.LifeCycle event) {
                for (org.eclipse.jetty.server.Connector c : server.getConnectors()) {
                    for (org.eclipse.jetty.server.ConnectionFactory f : c.getConnectionFactories()) {
                        if (f instanceof org.eclipse.jetty.server.AbstractConnectionFactory a) {
                            a.setInputBufferSize(1 << 16);
                        }
                    }
                }
            }
        });
    }
}
