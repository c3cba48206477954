package org.darkfigure.api;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.darkfigure.access.Role;
import org.darkfigure.runs.JobLauncher;

/**
 * A real server on a free port over a temporary data folder and embedded H2, built by the same
 * factory as Main. Jobs run as child JVMs from this test's class path (which holds the jobs module).
 */
final class TestServer implements AutoCloseable {

    final Path data;
    final Services services;
    final Javalin app;
    final HttpClient http = HttpClient.newHttpClient();

    TestServer(Path data) throws Exception {
        this(data, AppConfig.DEFAULT_MAX_UPLOAD_BYTES);
    }

    TestServer(Path data, long maxUploadBytes) throws Exception {
        this(data, maxUploadBytes, AppConfig.defaultH2Url(data));
    }

    /** A server whose registry is the database at {@code databaseUrl} (H2 or PostgreSQL). */
    TestServer(Path data, long maxUploadBytes, String databaseUrl) throws Exception {
        this(AppConfig.fromEnvironment(Map.of()).withDataRoot(data).withDatabase(databaseUrl).withPort(0)
                .withUploadLimits(maxUploadBytes, 4 * maxUploadBytes).withJobCommand(jobCommand()));
    }

    /** A server of this configuration (e.g. without a job command, or with another failed-attempt limit). */
    TestServer(AppConfig config) throws Exception {
        this.data = config.dataRoot();
        services = Services.open(config);
        services.recover();
        app = DarkfigureApp.create(services).start("127.0.0.1", 0);
        adminToken = token(Role.ADMIN, null);
    }

    final String adminToken;
    private final Map<String, String> submitterTokens = new java.util.concurrent.ConcurrentHashMap<>();

    /** A new token of this role (and member state, for a submitter). */
    String token(Role role, String country) throws java.sql.SQLException {
        return services.tokens().issue(role, country, null, 1, "test").secret();
    }

    /** The submitter token of a member state (one per state and server). */
    String submitter(String country) {
        return submitterTokens.computeIfAbsent(country, c -> {
            try {
                return token(Role.SUBMITTER, c);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The token a request is signed with by default (see {@link #submitterState}). */
    String tokenFor(String method, String path) {
        return submitterState(method, path).map(this::submitter).orElse(adminToken);
    }

    /**
     * Whose request this is in the tests: an upload or a profile change is made by the submitter of the state
     * it names; anything else by an admin (empty).
     */
    static java.util.Optional<String> submitterState(String method, String path) {
        java.util.regex.Matcher country = java.util.regex.Pattern.compile("[?&]country=([A-Za-z]{3})").matcher(path);
        if (method.equals("POST") && path.startsWith("/api/v1/submissions") && country.find()) {
            return java.util.Optional.of(country.group(1).toUpperCase(java.util.Locale.ROOT));
        }
        java.util.regex.Matcher profile = java.util.regex.Pattern.compile("^/api/v1/profiles/([A-Za-z]{3})").matcher(path);
        if (method.equals("PUT") && profile.find()) {
            return java.util.Optional.of(profile.group(1).toUpperCase(java.util.Locale.ROOT));
        }
        return java.util.Optional.empty();
    }

    static List<String> jobCommand() throws IOException {
        String flags;
        try (InputStream in = TestServer.class.getResourceAsStream("/org/darkfigure/pipeline/jvm.flags")) {
            flags = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        return JobLauncher.java(System.getProperty("java.class.path"),
                Arrays.stream(flags.split("\\s+")).filter(s -> !s.isBlank()).toList()).commandPrefix();
    }

    String url(String path) {
        return "http://127.0.0.1:" + app.port() + path;
    }

    /** A request to {@code path} signed as {@link #tokenFor} says. */
    HttpRequest.Builder request(String method, String path) {
        return HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", "Bearer " + tokenFor(method, path));
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", "Bearer " + tokenFor("GET", path))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET signed with the given token. */
    HttpResponse<String> getWithToken(String path, String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", "Bearer " + token).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, byte[] body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "text/csv")
                .header("Authorization", "Bearer " + tokenFor("POST", path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Starts a pipeline run over the current submissions as the admin and waits (three minutes at most) for it to
     * publish; its JSON. A run that fails is reported with its log.
     */
    com.fasterxml.jackson.databind.JsonNode runToRelease() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        HttpResponse<String> started = post("/api/v1/runs", new byte[0]);
        org.junit.jupiter.api.Assertions.assertEquals(202, started.statusCode(), started.body());
        String runId = json.readTree(started.body()).path("id").asText();
        com.fasterxml.jackson.databind.JsonNode run;
        long deadline = System.currentTimeMillis() + 180_000;
        do {
            Thread.sleep(500);
            run = json.readTree(get("/api/v1/runs/" + runId).body());
        } while (run.path("status").asText().equals("running") && System.currentTimeMillis() < deadline);
        java.nio.file.Path log = data.resolve("runs").resolve(runId).resolve("log.txt");
        org.junit.jupiter.api.Assertions.assertEquals("succeeded", run.path("status").asText(), run.toString() + "\n"
                + (java.nio.file.Files.exists(log) ? java.nio.file.Files.readString(log) : "(no log)"));
        return run;
    }

    HttpResponse<String> upload(String country, String source, String period, byte[] csv)
            throws IOException, InterruptedException {
        return upload(country, source, "migrant", period, csv);
    }

    HttpResponse<String> upload(String country, String source, String recordType, String period, byte[] csv)
            throws IOException, InterruptedException {
        return post("/api/v1/submissions?country=" + country + "&source=" + source
                + "&recordType=" + recordType + "&schemaVersion=1&period=" + period, csv);
    }

    @Override
    public void close() {
        app.stop();
        services.close();
    }
}
