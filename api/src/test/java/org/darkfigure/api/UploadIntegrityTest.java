package org.darkfigure.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;
import org.darkfigure.access.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's lower items about uploads and odd requests, each as the outside test found it: a truncated file,
 * twenty copies of the same new file at once, a gzip bomb, a NUL byte, a server path in a refusal, a path that
 * climbs out of /assets, an unknown route, and a method override.
 */
class UploadIntegrityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FILE = "record_id,source_id,reporting_country,detection_date\n"
            + "r1,IDN-POLICE,IDN,2024-02-03\nr2,IDN-POLICE,IDN,2024-02-04\nr3,IDN-POLICE,IDN,2024-02-05\n";

    @TempDir
    Path data;

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void a_file_cut_at_a_row_end_is_refused_when_its_checksum_was_declared() throws Exception {
        try (TestServer server = new TestServer(data)) {
            byte[] whole = FILE.getBytes(StandardCharsets.UTF_8);
            byte[] cut = FILE.substring(0, FILE.indexOf("r3")).getBytes(StandardCharsets.UTF_8); // ends at a row end
            HttpResponse<String> refused = server.post(AccessTest.UPLOAD + "&sha256=" + sha256(whole), cut);
            assertEquals(422, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("CHECKSUM_MISMATCH"), refused.body());
            HttpResponse<String> bad = server.post(AccessTest.UPLOAD + "&sha256=xyz", whole);
            assertEquals(400, bad.statusCode(), bad.body());
            String repr = "sha-256=:" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(whole)) + ":";
            HttpResponse<String> accepted = server.http.send(server.request("POST", AccessTest.UPLOAD)
                    .header("Repr-Digest", repr).POST(HttpRequest.BodyPublishers.ofByteArray(whole)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, accepted.statusCode(), accepted.body());
            HttpResponse<String> wrongHeader = server.http.send(server.request("POST", AccessTest.UPLOAD)
                    .header("Repr-Digest", repr).POST(HttpRequest.BodyPublishers.ofByteArray(cut)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(422, wrongHeader.statusCode(), wrongHeader.body());
        }
    }

    @Test
    void twenty_copies_of_the_same_new_bytes_at_once_are_one_submission() throws Exception {
        try (TestServer server = new TestServer(data)) {
            byte[] bytes = FILE.getBytes(StandardCharsets.UTF_8);
            ExecutorService pool = Executors.newFixedThreadPool(20);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                answers.add(pool.submit(() -> server.post(AccessTest.UPLOAD, bytes)));
            }
            int created = 0;
            for (Future<HttpResponse<String>> a : answers) {
                int status = a.get().statusCode();
                assertTrue(status == 201 || status == 200 || status == 503, a.get().body());
                created += status == 201 ? 1 : 0;
            }
            pool.shutdown();
            assertEquals(1, created, "one 201; the copies are told it was already received (or to come back)");
            JsonNode all = JSON.readTree(server.get("/api/v1/submissions").body());
            assertEquals(1, all.size(), all.toString());
            assertEquals(1, all.get(0).path("revision").asInt());
        }
    }

    @Test
    void a_gzip_bomb_stops_at_the_ratio_limit_and_leaves_nothing() throws Exception {
        try (TestServer server = new TestServer(data)) {
            ByteArrayOutputStream bomb = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(bomb)) {
                gzip.write(FILE.getBytes(StandardCharsets.UTF_8));
                byte[] zeros = new byte[1 << 20];
                for (int i = 0; i < 300; i++) { // 300 MiB of zeros: about 300 KB compressed
                    gzip.write(zeros);
                }
            }
            long t = System.nanoTime();
            HttpResponse<String> r = server.post(AccessTest.UPLOAD, bomb.toByteArray());
            long ms = (System.nanoTime() - t) / 1_000_000;
            assertEquals(413, r.statusCode(), r.body());
            assertTrue(r.body().contains("100 times"), r.body());
            try (var left = Files.walk(data.resolve("incoming"))) {
                assertEquals(0, left.filter(Files::isRegularFile).count(), "nothing left behind");
            }
            System.out.printf("gzip bomb of %d bytes refused after %d ms%n", bomb.size(), ms);
        }
    }

    @Test
    void a_nul_byte_is_refused_and_no_refusal_shows_a_server_path() throws Exception {
        try (TestServer server = new TestServer(data)) {
            HttpResponse<String> nul = server.post(AccessTest.UPLOAD, ("record_id,source_id,reporting_country,detection_date\n"
                    + "r1\u0000,IDN-POLICE,IDN,2024-02-03\n").getBytes(StandardCharsets.UTF_8));
            assertEquals(422, nul.statusCode(), nul.body());
            assertTrue(nul.body().contains("CONTROL_CHARACTER"), nul.body());
            // a zip archive that is no workbook makes POI name the server's temporary file
            ByteArrayOutputStream zip = new ByteArrayOutputStream();
            try (var z = new java.util.zip.ZipOutputStream(zip)) {
                z.putNextEntry(new java.util.zip.ZipEntry("x.txt"));
                z.write("not a workbook".getBytes(StandardCharsets.UTF_8));
            }
            HttpResponse<String> xlsx = server.post(AccessTest.UPLOAD + "&format=xlsx", zip.toByteArray());
            assertEquals(422, xlsx.statusCode(), xlsx.body());
            assertFalse(xlsx.body().contains(data.toString()) || xlsx.body().contains("/tmp/"),
                    "a refusal names no server path: " + xlsx.body());
        }
    }

    @Test
    void odd_requests_get_problem_bodies_with_the_security_headers_and_overrides_are_ignored() throws Exception {
        try (TestServer server = new TestServer(data)) {
            for (String path : List.of("/assets/..", "/assets/%2e%2e/", "/assets/..%2f..%2fetc/passwd", "/no/such/page",
                    "/api/v1/nothing")) {
                HttpResponse<String> r = server.http.send(HttpRequest.newBuilder(URI.create(server.url(path))).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, path + " -> " + r.statusCode() + " " + r.body());
                assertTrue(r.body().contains("\"detail\""), path + ": " + r.body());
                assertTrue(r.headers().firstValue("Content-Security-Policy").isPresent(), path);
                assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""), path);
            }
            String viewer = server.token(Role.VIEWER, null);
            HttpResponse<String> overridden = server.http.send(HttpRequest.newBuilder(URI.create(server.url("/api/v1/releases")))
                    .header("Authorization", "Bearer " + viewer).header("X-HTTP-Method-Override", "DELETE").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, overridden.statusCode(), "a GET stays a GET: " + overridden.body());
            HttpResponse<String> page = server.http.send(HttpRequest.newBuilder(URI.create(server.url("/signin"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(""), "pages are not cached");
        }
    }
}
