package org.darkfigure.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.darkfigure.simulate.Scenario;
import org.darkfigure.simulate.SimulationWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety, for real: the server (and the pipeline job it starts) run as child processes and are killed
 * with SIGKILL during an upload, at the end of each pipeline stage and at both steps of publishing. After
 * each kill and a restart, the registry and the storage must be consistent: no half submission visible, no
 * orphaned files, the previous release still current and complete, the run recorded as failed; and a new
 * run completes.
 */
@Tag("process")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashSafetyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    private Path data;
    private String firstRelease;
    private int submissions;

    @BeforeAll
    void aFirstRelease() throws Exception {
        Scenario scenario = Scenario.withDefaults().withCountries(List.of("IDN")).withYears(2023, 1).withMeanPopulation(300);
        Path input = tmp.resolve("input");
        SimulationWriter.write(scenario, input);
        data = tmp.resolve("data");
        try (ServerProcess server = ServerProcess.start(data, null)) {
            List<String> index = Files.readAllLines(input.resolve(SimulationWriter.INDEX));
            for (String line : index.subList(1, index.size())) {
                String[] f = line.split(",");
                HttpResponse<String> r = upload(server, f[1], f[2], f[4], Files.readAllBytes(input.resolve(f[0])));
                assertEquals(201, r.statusCode(), r.body());
                submissions++;
            }
            JsonNode run = runToTheEnd(server);
            assertEquals("succeeded", run.path("status").asText(), run.toString());
            firstRelease = run.path("releaseId").asText();
        }
    }

    private static HttpResponse<String> upload(ServerProcess server, String country, String source, String period,
                                               byte[] body) throws IOException, InterruptedException {
        return server.post("/api/v1/submissions?country=" + country + "&source=" + source
                + "&recordType=migrant&schemaVersion=1&period=" + period, body);
    }

    private static JsonNode runToTheEnd(ServerProcess server) throws Exception {
        HttpResponse<String> started = server.post("/api/v1/runs", new byte[0]);
        assertEquals(202, started.statusCode(), started.body());
        return waitForRun(server, JSON.readTree(started.body()).path("id").asText());
    }

    private static JsonNode waitForRun(ServerProcess server, String runId) throws Exception {
        long deadline = System.currentTimeMillis() + 240_000;
        JsonNode run;
        do {
            Thread.sleep(300);
            run = JSON.readTree(server.get("/api/v1/runs/" + runId).body());
        } while (run.path("status").asText().equals("running") && System.currentTimeMillis() < deadline);
        return run;
    }

    private static void waitFor(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 240_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    private static boolean logSays(Path log, String text) {
        try {
            return Files.exists(log) && Files.readString(log).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    private Set<String> children(String folder) throws IOException {
        Path dir = data.resolve(folder);
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return new TreeSet<>(s.map(p -> p.getFileName().toString()).toList());
        }
    }

    /** After a restart: the uploads registered before are all there is, in the registry and on disk. */
    private void assertSubmissionsConsistent(ServerProcess server, int expected) throws Exception {
        JsonNode all = JSON.readTree(server.get("/api/v1/submissions").body());
        assertEquals(expected, all.size(), "registered submissions");
        Set<String> ids = new TreeSet<>();
        all.forEach(s -> ids.add(s.path("id").asText()));
        assertEquals(ids, children("raw"), "raw/ holds exactly the registered submissions");
        assertEquals(ids, children("staging"), "staging/ holds exactly the registered submissions");
        assertEquals(Set.of(), children("incoming"), "nothing half-received is left");
    }

    /** After a killed run: the first release is current and complete, and nothing else is in releases/. */
    private void assertFirstReleaseStillCurrent(ServerProcess server) throws Exception {
        JsonNode releases = JSON.readTree(server.get("/api/v1/releases").body());
        assertEquals(firstRelease, releases.path("current").asText());
        assertEquals(Set.of(firstRelease, "CURRENT"), children("releases"), "no working folder, no unpublished release");
        JsonNode estimates = JSON.readTree(server.get("/api/v1/estimates").body());
        assertEquals(firstRelease, estimates.path("releaseId").asText());
        assertEquals(1, estimates.path("strata").size());
        assertEquals(200, server.get("/api/v1/releases/" + firstRelease + "/manifest").statusCode());
    }

    @Test
    @Order(1)
    void an_upload_killed_while_streaming_leaves_nothing() throws Exception {
        try (ServerProcess server = ServerProcess.start(data, null)) {
            CountDownLatch hold = new CountDownLatch(1);
            byte[] head = ("record_id,source_id,reporting_country,detection_date,linkage_key,sex\n"
                    + "r0,THA-POLICE,THA,2020-01-01,k0,F\n".repeat(20_000)).getBytes(StandardCharsets.UTF_8);
            InputStream slow = new InputStream() {
                private int at;

                @Override
                public int read() throws IOException {
                    if (at < head.length) {
                        return head[at++];
                    }
                    try {
                        hold.await(); // the rest of the file never comes: the server dies first
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return -1;
                }
            };
            CompletableFuture<HttpResponse<String>> pending = server.http.sendAsync(server.request("POST",
                            "/api/v1/submissions?country=THA&source=THA-POLICE&recordType=migrant&schemaVersion=1&period=2020")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> slow)).build(), HttpResponse.BodyHandlers.ofString());
            waitFor("the upload to reach incoming/", () -> {
                try (Stream<Path> s = Files.walk(data.resolve("incoming"))) {
                    return s.anyMatch(p -> Files.isRegularFile(p) && p.toFile().length() > 100_000);
                } catch (IOException e) {
                    return false;
                }
            });
            server.crash();
            hold.countDown();
            assertTrue(pending.handle((r, e) -> e != null || r.statusCode() >= 500).get(), "the client sees the upload fail");
        }
        try (ServerProcess restarted = ServerProcess.start(data, null)) {
            assertSubmissionsConsistent(restarted, submissions);
        }
    }

    @Test
    @Order(2)
    void an_upload_killed_between_storing_and_registering_leaves_nothing_and_can_be_repeated() throws Exception {
        byte[] body = ("record_id,source_id,reporting_country,detection_date,linkage_key,sex\n"
                + "r1,THA-POLICE,THA,2020-01-02,k1,F\nr2,THA-POLICE,THA,2020-01-03,k2,M\n").getBytes(StandardCharsets.UTF_8);
        try (ServerProcess server = ServerProcess.start(data, "intake.before-register")) {
            CompletableFuture<HttpResponse<String>> pending = CompletableFuture.supplyAsync(() -> {
                try {
                    return upload(server, "THA", "THA-POLICE", "2020", body);
                } catch (IOException | InterruptedException e) {
                    return null;
                }
            });
            waitFor("the failpoint", () -> server.printed("FAILPOINT intake.before-register"));
            assertFalse(children("raw").isEmpty(), "the files were moved into place before the kill");
            server.crash();
            pending.cancel(true);
        }
        try (ServerProcess restarted = ServerProcess.start(data, null)) {
            assertSubmissionsConsistent(restarted, submissions);
            HttpResponse<String> again = upload(restarted, "THA", "THA-POLICE", "2020", body);
            assertEquals(201, again.statusCode(), "the same file is accepted after the crash: " + again.body());
            submissions++;
            assertSubmissionsConsistent(restarted, submissions);
        }
    }

    /** Kills the run at a failpoint: the job alone (the server notices), or the whole server (a crash). */
    private void killRunAt(String failpoint, boolean crashServer) throws Exception {
        String runId;
        try (ServerProcess server = ServerProcess.start(data, failpoint)) {
            HttpResponse<String> started = server.post("/api/v1/runs", new byte[0]);
            assertEquals(202, started.statusCode(), started.body());
            runId = JSON.readTree(started.body()).path("id").asText();
            Path log = data.resolve("runs").resolve(runId).resolve("log.txt");
            waitFor("FAILPOINT " + failpoint + " in " + log, () -> logSays(log, "FAILPOINT " + failpoint));
            if (crashServer) {
                assertEquals(0, server.crash(), "the job ends by itself when its server dies");
            } else {
                server.killJobs();
                JsonNode run = waitForRun(server, runId);
                assertEquals("failed", run.path("status").asText(), run.toString());
                assertFirstReleaseStillCurrent(server);
            }
        }
        try (ServerProcess restarted = ServerProcess.start(data, null)) {
            JsonNode run = JSON.readTree(restarted.get("/api/v1/runs/" + runId).body());
            assertEquals("failed", run.path("status").asText(), run.toString());
            assertFirstReleaseStillCurrent(restarted);
            assertSubmissionsConsistent(restarted, submissions);
        }
    }

    @Test
    @Order(3)
    void a_run_killed_after_harmonising_changes_nothing() throws Exception {
        killRunAt("pipeline.harmonise", false);
    }

    @Test
    @Order(4)
    void a_run_killed_after_linking_in_a_server_crash_changes_nothing() throws Exception {
        killRunAt("pipeline.link", true);
    }

    @Test
    @Order(5)
    void a_run_killed_after_estimating_changes_nothing() throws Exception {
        killRunAt("pipeline.estimate", false);
    }

    @Test
    @Order(6)
    void a_run_killed_after_writing_the_release_manifest_changes_nothing() throws Exception {
        killRunAt("publish.after-manifest", false);
    }

    @Test
    @Order(7)
    void a_run_killed_after_renaming_the_release_but_before_switching_current_changes_nothing() throws Exception {
        killRunAt("publish.after-rename", true);
    }

    @Test
    @Order(8)
    void after_all_the_crashes_a_new_run_publishes_and_the_first_release_stays_downloadable() throws Exception {
        try (ServerProcess server = ServerProcess.start(data, null)) {
            JsonNode run = runToTheEnd(server);
            assertEquals("succeeded", run.path("status").asText(), run.toString());
            String second = run.path("releaseId").asText();
            JsonNode releases = JSON.readTree(server.get("/api/v1/releases").body());
            assertEquals(second, releases.path("current").asText());
            assertEquals(200, server.get("/api/v1/releases/" + firstRelease + "/manifest").statusCode());
            assertEquals(Set.of(firstRelease, second, "CURRENT"), children("releases"));
        }
    }
}
