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
        this.data = data;
        AppConfig config = AppConfig.fromEnvironment(Map.of()).withDataRoot(data).withDatabase(databaseUrl).withPort(0)
                .withUploadLimits(maxUploadBytes, 4 * maxUploadBytes).withJobCommand(jobCommand());
        services = Services.open(config);
        services.recover();
        app = DarkfigureApp.create(services).start("127.0.0.1", 0);
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

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, byte[] body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> upload(String country, String source, String period, byte[] csv)
            throws IOException, InterruptedException {
        return post("/api/v1/submissions?country=" + country + "&source=" + source
                + "&recordType=migrant&schemaVersion=1&period=" + period, csv);
    }

    @Override
    public void close() {
        app.stop();
        services.close();
    }
}
