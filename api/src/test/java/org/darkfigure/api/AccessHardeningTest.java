package org.darkfigure.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.darkfigure.access.Role;
import org.darkfigure.releases.ReleaseManifests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sessions and CSRF, brute-force limits, security headers, paths, CSV cells, error bodies, tokens and the audit log. */
class AccessHardeningTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    private static TestServer server(Path data, int failureLimit) throws Exception {
        return new TestServer(AppConfig.fromEnvironment(Map.of()).withDataRoot(data).withPort(0)
                .withAuthFailureLimit(failureLimit));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder form(TestServer server, String path, String body) {
        return HttpRequest.newBuilder(URI.create(server.url(path))).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    @Test
    void signing_in_gives_a_strict_session_cookie_and_state_changes_need_the_csrf_token(@TempDir Path data) throws Exception {
        try (TestServer server = server(data, 10)) {
            String viewer = server.token(Role.VIEWER, null);
            HttpResponse<String> signIn = send(form(server, "/signin", "token=" + viewer + "&next=%2F"));
            assertEquals(303, signIn.statusCode());
            assertEquals("/", signIn.headers().firstValue("Location").orElseThrow());
            String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow();
            assertTrue(cookie.contains("HttpOnly") && cookie.contains("Secure") && cookie.contains("SameSite=Strict"), cookie);
            String session = cookie.substring(0, cookie.indexOf(';'));

            assertEquals(200, send(HttpRequest.newBuilder(URI.create(server.url("/"))).header("Cookie", session)).statusCode());
            JsonNode me = JSON.readTree(send(HttpRequest.newBuilder(URI.create(server.url("/api/v1/whoami")))
                    .header("Cookie", session)).body());
            assertEquals("viewer", me.path("role").asText());
            String csrf = me.path("csrfToken").asText();
            assertFalse(csrf.isEmpty());

            HttpResponse<String> forged = send(HttpRequest.newBuilder(URI.create(server.url("/signout"))).header("Cookie", session)
                    .POST(HttpRequest.BodyPublishers.noBody()));
            assertEquals(403, forged.statusCode(), "a cross-site form cannot sign the user out: " + forged.body());
            assertTrue(forged.body().contains("CSRF"));
            HttpResponse<String> out = send(form(server, "/signout", "csrf=" + csrf).header("Cookie", session));
            assertEquals(303, out.statusCode());
            assertEquals(303, send(HttpRequest.newBuilder(URI.create(server.url("/"))).header("Cookie", session)).statusCode(),
                    "after signing out the page sends you to sign in");

            // the next parameter cannot send a user to another site
            HttpResponse<String> offsite = send(form(server, "/signin", "token=" + viewer + "&next=%2F%2Fevil.example"));
            assertEquals("/", offsite.headers().firstValue("Location").orElseThrow());
            // issue 17, item 6: Chromium strips the tab of /\t/host and follows //host
            for (String next : List.of("%2F%09%2Fevil.example", "%2F%5Cevil.example", "%2F%252F%252Fevil.example",
                    "%2F%0D%0ALocation:%20http://evil.example", "https:%2F%2Fevil.example", "%2F%20%2Fevil.example")) {
                HttpResponse<String> r = send(form(server, "/signin", "token=" + viewer + "&next=" + next));
                assertEquals("/", r.headers().firstValue("Location").orElseThrow(), next);
            }
            assertEquals("/releases?release=x", send(form(server, "/signin", "token=" + viewer
                    + "&next=%2Freleases%3Frelease%3Dx")).headers().firstValue("Location").orElseThrow(), "a real path stays");
        }
    }

    @Test
    void revoking_a_token_ends_its_sessions_and_its_api_access(@TempDir Path data) throws Exception {
        try (TestServer server = server(data, 10)) {
            String viewer = server.token(Role.VIEWER, null);
            String cookie = send(form(server, "/signin", "token=" + viewer)).headers().firstValue("Set-Cookie").orElseThrow();
            String session = cookie.substring(0, cookie.indexOf(';'));
            String id = server.services.tokens().bySecret(viewer).orElseThrow().id();
            HttpResponse<String> revoke = send(HttpRequest.newBuilder(URI.create(server.url("/api/v1/tokens/" + id)))
                    .header("Authorization", "Bearer " + server.adminToken).DELETE());
            assertEquals(204, revoke.statusCode(), revoke.body());
            assertEquals(303, send(HttpRequest.newBuilder(URI.create(server.url("/"))).header("Cookie", session)).statusCode());
            HttpResponse<String> api = send(HttpRequest.newBuilder(URI.create(server.url("/api/v1/releases")))
                    .header("Authorization", "Bearer " + viewer));
            assertEquals(401, api.statusCode());
            assertTrue(api.body().contains("revoked"), api.body());
        }
    }

    @Test
    void too_many_unknown_tokens_from_one_address_get_429_with_retry_after(@TempDir Path data) throws Exception {
        try (TestServer server = server(data, 3)) {
            for (int i = 0; i < 3; i++) {
                assertEquals(401, send(HttpRequest.newBuilder(URI.create(server.url("/api/v1/releases")))
                        .header("Authorization", "Bearer dft_guess" + i)).statusCode());
            }
            HttpResponse<String> blocked = send(HttpRequest.newBuilder(URI.create(server.url("/api/v1/releases")))
                    .header("Authorization", "Bearer dft_guess-again"));
            assertEquals(429, blocked.statusCode(), "more guesses from the address wait");
            long retry = Long.parseLong(blocked.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retry > 0 && retry <= 301, "Retry-After " + retry);
            HttpResponse<String> wrongSignIn = send(form(server, "/signin", "token=dft_wrong"));
            assertEquals(429, wrongSignIn.statusCode(), "the sign-in form shares the limit");
            assertTrue(wrongSignIn.headers().firstValue("Retry-After").isPresent());
            // issue 17, item 7: behind a proxy every user shares one address; a valid token is never locked out
            assertEquals(200, send(HttpRequest.newBuilder(URI.create(server.url("/api/v1/releases")))
                    .header("Authorization", "Bearer " + server.adminToken)).statusCode(), "a good token still works");
            assertEquals(303, send(form(server, "/signin", "token=" + server.adminToken)).statusCode(),
                    "a good token still signs in");
            // X-Forwarded-For from a peer that is not a configured proxy is not believed
            assertEquals(429, send(HttpRequest.newBuilder(URI.create(server.url("/api/v1/releases")))
                    .header("Authorization", "Bearer dft_guess-3").header("X-Forwarded-For", "203.0.113.9")).statusCode(),
                    "a client cannot pick the address its failures count against");
        }
    }

    @Test
    void every_response_carries_the_security_headers(@TempDir Path data) throws Exception {
        try (TestServer server = server(data, 10)) {
            for (String path : List.of("/signin", "/api/v1/standard", "/assets/site.css", "/api/v1/nothing-here")) {
                HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(server.url(path))));
                String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
                assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline")
                        && csp.contains("frame-ancestors 'none'"), path + ": " + csp);
                assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), path);
                assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(""), path);
                assertTrue(r.headers().firstValue("Strict-Transport-Security").isEmpty(), "no HSTS over plain HTTP: " + path);
            }
            HttpResponse<String> behindTls = send(HttpRequest.newBuilder(URI.create(server.url("/signin")))
                    .header("X-Forwarded-Proto", "https"));
            assertTrue(behindTls.headers().firstValue("Strict-Transport-Security").orElse("").startsWith("max-age="));
            assertEquals("no-store", send(HttpRequest.newBuilder(URI.create(server.url("/api/v1/standard"))))
                    .headers().firstValue("Cache-Control").orElse(""));
        }
    }

    @Test
    void no_request_reaches_a_file_outside_the_storage_root_and_errors_show_no_internals(@TempDir Path data) throws Exception {
        try (TestServer server = server(data, 10)) {
            for (String path : List.of("/api/v1/releases/..%2F..%2F..%2Fetc%2Fpasswd/manifest",
                    "/api/v1/releases/%2e%2e/manifest", "/api/v1/estimates?release=..%2F..%2Fregistry%2Fdarkfigure.mv.db",
                    "/api/v1/submissions/..%2F..%2Fetc%2Fpasswd", "/assets/..%2F..%2Fdb%2Fmigrations.txt")) {
                HttpResponse<String> r = server.get(path);
                assertTrue(r.statusCode() == 404 || r.statusCode() == 400, path + " -> " + r.statusCode());
                assertFalse(r.body().contains("root:") || r.body().contains("V001"), path + ": " + r.body());
                assertFalse(r.body().contains(data.toString()), "no internal path in " + r.body());
                assertFalse(r.body().contains("Exception") || r.body().contains("\tat "), "no stack trace in " + r.body());
            }
        }
    }

    @Test
    void report_csv_cells_that_a_spreadsheet_would_run_are_neutralised(@TempDir Path data) throws Exception {
        try (TestServer server = server(data, 10)) {
            HttpResponse<String> refused = server.upload("IDN", "IDN-POLICE", "2024", ("record_id,source_id,reporting_country,"
                    + "detection_date,sex\nr1,IDN-POLICE,IDN,2024-01-02,=HYPERLINK(\"http://evil\")\n").getBytes(StandardCharsets.UTF_8));
            assertEquals(422, refused.statusCode());
            String id = JSON.readTree(refused.body()).path("id").asText();
            String csv = server.get("/api/v1/submissions/" + id + "/report.csv").body();
            assertTrue(csv.contains("\"'=HYPERLINK(\"\"http://evil\"\")\""), csv);
        }
    }

    @Test
    void tokens_are_shown_once_and_kept_only_as_hashes_and_every_action_is_audited(@TempDir Path data) throws Exception {
        try (TestServer server = server(data, 10)) {
            HttpResponse<String> made = send(HttpRequest.newBuilder(URI.create(server.url("/api/v1/tokens")))
                    .header("Authorization", "Bearer " + server.adminToken)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"role\":\"submitter\",\"country\":\"MYS\",\"days\":7}")));
            assertEquals(201, made.statusCode(), made.body());
            JsonNode token = JSON.readTree(made.body());
            String secret = token.path("token").asText();
            assertTrue(secret.startsWith("dft_") && secret.length() >= 4 + 43, "256 bits, base64url: " + secret);
            assertFalse(server.get("/api/v1/tokens").body().contains(secret), "listing never shows a token");
            try (Connection c = server.services.database().dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT token_hash FROM api_tokens")) {
                while (rs.next()) {
                    assertFalse(rs.getString(1).contains(secret));
                    assertEquals(64, rs.getString(1).length());
                }
            }
            HttpResponse<String> bad = send(HttpRequest.newBuilder(URI.create(server.url("/api/v1/tokens")))
                    .header("Authorization", "Bearer " + server.adminToken)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"role\":\"submitter\"}")));
            assertEquals(400, bad.statusCode());
            assertTrue(bad.body().contains("needs --country"), bad.body());

            // audited actions: upload, download, token change, refused access (runs: see CrashSafetyTest's server)
            String body = "record_id,source_id,reporting_country,detection_date\nr1,MYS-POLICE,MYS,2024-01-02\n";
            assertEquals(201, send(HttpRequest.newBuilder(URI.create(server.url("/api/v1/submissions?country=MYS&source=MYS-POLICE"
                    + "&recordType=migrant&schemaVersion=1&period=2024"))).header("Authorization", "Bearer " + secret)
                    .POST(HttpRequest.BodyPublishers.ofString(body))).statusCode());
            String submission = JSON.readTree(server.get("/api/v1/submissions").body()).get(0).path("id").asText();
            server.get("/api/v1/submissions/" + submission + "/report.csv");
            send(HttpRequest.newBuilder(URI.create(server.url("/api/v1/runs"))).header("Authorization", "Bearer " + secret));
            String id = token.path("id").asText();
            send(HttpRequest.newBuilder(URI.create(server.url("/api/v1/tokens/" + id)))
                    .header("Authorization", "Bearer " + server.adminToken).DELETE());

            List<String> seen = new ArrayList<>();
            for (JsonNode e : JSON.readTree(server.get("/api/v1/audit").body())) {
                seen.add(e.path("action").asText() + ":" + e.path("outcome").asText() + ":" + e.path("principal").asText());
            }
            for (String expected : List.of("token.create:ok:", "upload:accepted:" + id, "download:ok:",
                    "access:refused-403:" + id, "token.revoke:ok:")) {
                assertTrue(seen.stream().anyMatch(s -> s.startsWith(expected)), expected + " in " + seen);
            }
            assertEquals(200, server.get("/admin/audit").statusCode());
        }
    }

    @Test
    void researchers_see_a_release_manifest_without_server_paths() throws Exception {
        byte[] manifest = ("{\"releaseId\":\"r\",\"inputs\":[{\"submissionId\":\"s1\",\"sha256\":\"ab\","
                + "\"stagedPath\":\"/srv/darkfigure/staging/s1\"}]}").getBytes(StandardCharsets.UTF_8);
        String shown = new String(ReleaseManifests.forResearchers(manifest), StandardCharsets.UTF_8);
        assertFalse(shown.contains("/srv/darkfigure"), shown);
        assertTrue(shown.contains("\"sha256\" : \"ab\""), shown);
    }

    @Test
    void each_role_lands_at_home_and_a_missing_stratum_is_a_404_page(@TempDir Path data) throws Exception {
        // issue 18, items 9 and 7
        try (TestServer server = server(data, 10)) {
            HttpResponse<String> submitter = send(form(server, "/signin", "token=" + server.submitter("IDN") + "&next=%2F"));
            assertEquals("/upload", submitter.headers().firstValue("Location").orElseThrow(), "not the 403 of the estimates");
            HttpResponse<String> viewer = send(form(server, "/signin", "token=" + server.token(Role.VIEWER, null)));
            assertEquals("/", viewer.headers().firstValue("Location").orElseThrow());
            HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(server.url("/strata/migrant/ZZZ/1999")))
                    .header("Authorization", "Bearer " + server.adminToken).header("Accept", "text/html"));
            assertEquals(404, page.statusCode());
            assertTrue(page.body().contains("<html") && page.body().contains("has no stratum migrant ZZZ 1999"), page.body());
        }
    }
}
