package org.darkfigure.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.darkfigure.access.Role;
import org.darkfigure.access.TokenRegistry;
import org.darkfigure.registry.Database;
import org.darkfigure.simulate.Scenario;
import org.darkfigure.simulate.SimulationWriter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smoke test of the packaged application (issue 17, item 3): the server started exactly as users start
 * it, {@code ./darkfigure serve} (the launcher, the packaged jars, the runtime class path Maven wrote), never
 * the test class path. Data are uploaded, a real pipeline run publishes a release, and then every route of
 * the access table ({@link AccessTest#table()}) is called by a caller it admits: none may answer 5xx. Runs
 * after {@code package} (Failsafe), so that the jars exist.
 */
@Tag("process")
class PackagedServerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SERVING = Pattern.compile("serving http://127\\.0\\.0\\.1:(\\d+)/");

    @Test
    void every_route_answers_an_allowed_caller_without_a_server_error(@TempDir Path tmp) throws Exception {
        Path root = Path.of(System.getProperty("user.dir")).getParent();
        Path launcher = root.resolve("darkfigure");
        assertTrue(Files.isExecutable(launcher), "the launcher at " + launcher);
        Path data = tmp.resolve("data");
        Files.createDirectories(data);
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "serve", "--port", "0").redirectErrorStream(true);
        builder.environment().put(AppConfig.DATA, data.toString());
        builder.environment().put("DARKFIGURE_NO_BUILD", "1");
        builder.environment().remove(AppConfig.DB_URL);
        builder.environment().put("DARKFIGURE_JOBS_JAVA_OPTS", "-Xmx1g");
        Process server = builder.start();
        List<String> output = new CopyOnWriteArrayList<>();
        int port = awaitPort(server, output);
        try {
            Map<String, String> tokens = new LinkedHashMap<>();
            try (Database db = Database.open(AppConfig.defaultH2Url(data), null, null)) {
                TokenRegistry registry = new TokenRegistry(db.dataSource());
                tokens.put("submitter IDN", registry.issue(Role.SUBMITTER, "IDN", null, 1, "it").secret());
                tokens.put("submitter MYS", registry.issue(Role.SUBMITTER, "MYS", null, 1, "it").secret());
                tokens.put("researcher", registry.issue(Role.RESEARCHER, null, null, 1, "it").secret());
                tokens.put("viewer", registry.issue(Role.VIEWER, null, null, 1, "it").secret());
                tokens.put("admin", registry.issue(Role.ADMIN, null, null, 1, "it").secret());
            }
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + port;

            // a small simulated submission set, uploaded as a member state would, and a real run
            Path input = tmp.resolve("input");
            SimulationWriter.write(Scenario.withDefaults().withCountries(List.of("IDN")).withYears(2024, 1)
                    .withMeanPopulation(150), input);
            List<String> index = Files.readAllLines(input.resolve(SimulationWriter.INDEX));
            String submission = null;
            for (String line : index.subList(1, index.size())) {
                String[] f = line.split(",");
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/submissions?country="
                        + f[1] + "&source=" + f[2] + "&recordType=" + f[3] + "&schemaVersion=1&period=" + f[4]))
                        .header("Authorization", "Bearer " + tokens.get("submitter IDN"))
                        .POST(HttpRequest.BodyPublishers.ofFile(input.resolve(f[0]))).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(201, r.statusCode(), line + ": " + r.body());
                submission = JSON.readTree(r.body()).path("id").asText();
            }
            HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/runs"))
                    .header("Authorization", "Bearer " + tokens.get("admin")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(202, started.statusCode(), started.body());
            String runId = JSON.readTree(started.body()).path("id").asText();
            JsonNode run;
            long deadline = System.currentTimeMillis() + 240_000;
            do {
                Thread.sleep(1000);
                run = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/runs/" + runId))
                        .header("Authorization", "Bearer " + tokens.get("admin")).build(), HttpResponse.BodyHandlers.ofString()).body());
            } while (run.path("status").asText().matches("queued|running") && System.currentTimeMillis() < deadline);
            assertEquals("succeeded", run.path("status").asText(), run + "\n" + String.join("\n", output));
            String release = run.path("releaseId").asText();

            List<String> failures = new ArrayList<>();
            int calls = 0;
            for (AccessTest.Row row : AccessTest.table()) {
                String caller = null;
                for (int i = 0; i < AccessTest.CALLERS.size(); i++) {
                    int expected = row.expected()[i];
                    if (expected != 401 && expected != 403 && (tokens.containsKey(AccessTest.CALLERS.get(i))
                            || AccessTest.CALLERS.get(i).equals("anonymous"))) {
                        caller = AccessTest.CALLERS.get(i);
                        break;
                    }
                }
                if (caller == null) {
                    continue; // a route nobody may call successfully with these callers (none today)
                }
                String path = row.path().replace("SUB", submission).replace(AccessTest.RELEASE, release)
                        .replace("run-x", runId);
                if (row.method().equals("POST") && row.route().equals("/api/v1/runs")) {
                    path = "/api/v1/runs?level=2"; // reaches the route's validation without starting a second run
                }
                HttpResponse<String> response = http.send(row.request(base + path, tokens.get(caller)),
                        HttpResponse.BodyHandlers.ofString());
                calls++;
                if (response.statusCode() >= 500) {
                    failures.add(row.method() + " " + path + " as " + caller + " -> " + response.statusCode() + " "
                            + response.body());
                }
            }
            assertTrue(failures.isEmpty(), "server errors:\n" + String.join("\n", failures) + "\n--- server output:\n"
                    + String.join("\n", output));
            assertTrue(calls >= 40, "every route was called: " + calls);
            System.out.printf("packaged server: %d routes called with an allowed caller, no 5xx%n", calls);
        } finally {
            for (ProcessHandle child : server.descendants().toList()) {
                child.destroyForcibly();
            }
            server.destroyForcibly();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static int awaitPort(Process server, List<String> output) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.currentTimeMillis() + 90_000;
        for (String line; (line = out.readLine()) != null && System.currentTimeMillis() < deadline; ) {
            output.add(line);
            Matcher m = SERVING.matcher(line);
            if (m.find()) {
                Thread reader = new Thread(() -> {
                    try {
                        for (String l; (l = out.readLine()) != null; ) {
                            output.add(l);
                        }
                    } catch (java.io.IOException e) {
                        // the server was stopped
                    }
                }, "packaged-server-output");
                reader.setDaemon(true);
                reader.start();
                return Integer.parseInt(m.group(1));
            }
        }
        server.destroyForcibly();
        throw new IllegalStateException("./darkfigure serve did not start:\n" + String.join("\n", output));
    }
}
