package org.darkfigure.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.router.ParsedEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.darkfigure.access.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may do what, route by route: every route the server registers x every kind of caller -> the status it
 * must get. The table must name every registered route (a new endpoint cannot ship without its rule), and
 * every row is requested for real. Callers: anonymous, the submitter of IDN (whose submission the paths
 * name), the submitter of another state (MYS), researcher, viewer, admin, and an expired and a revoked token.
 * Runs are not possible on this server (no job command), so an admin's run request ends in 503 after passing
 * the access check.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> CALLERS = List.of("anonymous", "submitter IDN", "submitter MYS", "researcher", "viewer",
            "admin", "expired", "revoked");

    @TempDir
    static Path data;
    private TestServer server;
    private final Map<String, String> tokens = new LinkedHashMap<>();
    private String submission;

    /** One row: a route, the request made, and the status for each caller in {@link #CALLERS} order. */
    record Row(String method, String route, String path, String body, int... expected) {

        /** This row's request to {@code url} (the row's path, resolved by the caller), signed with {@code token}. */
        HttpRequest request(String url, String token) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            if (path.equals("/signin") && method.equals("POST")) {
                request.header("Content-Type", "application/x-www-form-urlencoded");
            }
            return request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body)).build();
        }
    }

    static final String RELEASE = "20260101T000000Z-abcd";
    static final String UPLOAD = "/api/v1/submissions?country=IDN&source=IDN-POLICE&recordType=migrant&schemaVersion=1&period=2024";

    static List<Row> table() {
        //                                                                      anon IDN  MYS  res  view adm  exp  rev
        return List.of(
            new Row("POST", "/api/v1/submissions", UPLOAD, "",                    401, 422, 403, 403, 403, 403, 401, 401),
            new Row("GET", "/api/v1/submissions", "/api/v1/submissions", null,    401, 200, 200, 403, 403, 200, 401, 401),
            new Row("GET", "/api/v1/submissions/{id}/report.csv", "/api/v1/submissions/SUB/report.csv", null,
                                                                                  401, 200, 404, 403, 403, 200, 401, 401),
            new Row("GET", "/api/v1/submissions/{id}", "/api/v1/submissions/SUB", null,
                                                                                  401, 200, 404, 403, 403, 200, 401, 401),
            new Row("PUT", "/api/v1/profiles/{country}", "/api/v1/profiles/IDN", "{",
                                                                                  401, 400, 403, 403, 403, 400, 401, 401),
            new Row("PUT", "/api/v1/profiles/{country}/sources", "/api/v1/profiles/IDN/sources", "{",
                                                                                  401, 400, 403, 403, 403, 400, 401, 401),
            new Row("GET", "/api/v1/profiles/{country}", "/api/v1/profiles/IDN", null,
                                                                                  401, 200, 403, 403, 403, 200, 401, 401),
            new Row("POST", "/api/v1/runs", "/api/v1/runs", "",                   401, 403, 403, 403, 403, 503, 401, 401),
            new Row("GET", "/api/v1/runs", "/api/v1/runs", null,                  401, 403, 403, 403, 403, 200, 401, 401),
            new Row("GET", "/api/v1/runs/{id}", "/api/v1/runs/run-x", null,       401, 403, 403, 403, 403, 404, 401, 401),
            new Row("GET", "/api/v1/releases", "/api/v1/releases", null,          401, 403, 403, 200, 200, 200, 401, 401),
            new Row("GET", "/api/v1/releases/{id}/manifest", "/api/v1/releases/" + RELEASE + "/manifest", null,
                                                                                  401, 403, 403, 404, 403, 404, 401, 401),
            new Row("GET", "/api/v1/releases/{id}/data", "/api/v1/releases/" + RELEASE + "/data", null,
                                                                                  401, 403, 403, 404, 403, 404, 401, 401),
            new Row("GET", "/api/v1/releases/{id}/data/{file}", "/api/v1/releases/" + RELEASE + "/data/migrant.csv", null,
                                                                                  401, 403, 403, 404, 403, 404, 401, 401),
            new Row("GET", "/api/v1/estimates", "/api/v1/estimates", null,        401, 403, 403, 404, 404, 404, 401, 401),
            new Row("GET", "/api/v1/releases/{id}/estimates.csv", "/api/v1/releases/" + RELEASE + "/estimates.csv", null,
                                                                                  401, 403, 403, 404, 404, 404, 401, 401),
            new Row("GET", "/api/v1/releases/{id}/estimates.sdmx.csv", "/api/v1/releases/" + RELEASE + "/estimates.sdmx.csv", null,
                                                                                  401, 403, 403, 404, 404, 404, 401, 401),
            new Row("GET", "/api/v1/runs/{id}/log", "/api/v1/runs/run-x/log", null, 401, 403, 403, 403, 403, 404, 401, 401),
            new Row("GET", "/", "/", null,                                        303, 403, 403, 200, 200, 200, 401, 401),
            new Row("GET", "/detections", "/detections", null,                    303, 403, 403, 200, 200, 200, 401, 401),
            new Row("GET", "/api/v1/releases/{id}/detections", "/api/v1/releases/" + RELEASE + "/detections", null,
                                                                                  401, 403, 403, 404, 404, 404, 401, 401),
            new Row("GET", "/api/v1/releases/{id}/detections.csv", "/api/v1/releases/" + RELEASE + "/detections.csv", null,
                                                                                  401, 403, 403, 404, 404, 404, 401, 401),
            new Row("GET", "/upload", "/upload", null,                            303, 200, 200, 403, 403, 403, 401, 401),
            new Row("GET", "/submissions", "/submissions", null,                  303, 200, 200, 403, 403, 200, 401, 401),
            new Row("GET", "/submissions/{id}", "/submissions/SUB", null,         303, 200, 404, 403, 403, 200, 401, 401),
            new Row("GET", "/strata/{population}/{country}/{year}", "/strata/migrant/IDN/2024", null,
                                                                                  303, 403, 403, 404, 403, 404, 401, 401),
            new Row("GET", "/runs", "/runs", null,                                303, 403, 403, 403, 403, 200, 401, 401),
            new Row("GET", "/releases", "/releases", null,                        303, 403, 403, 200, 200, 200, 401, 401),
            new Row("GET", "/codebook", "/codebook", null,                        200, 200, 200, 200, 200, 200, 200, 200),
            new Row("GET", "/api/v1/standard", "/api/v1/standard", null,          200, 200, 200, 200, 200, 200, 200, 200),
            new Row("GET", "/api/v1/standard/{type}/{version}/template.csv", "/api/v1/standard/migrant/1/template.csv", null,
                                                                                  200, 200, 200, 200, 200, 200, 200, 200),
            new Row("GET", "/api/v1/standard/{type}/{version}/template.xlsx", "/api/v1/standard/migrant/1/template.xlsx", null,
                                                                                  200, 200, 200, 200, 200, 200, 200, 200),
            new Row("GET", "/api/v1/standard/{type}/{version}/schema.json", "/api/v1/standard/migrant/1/schema.json", null,
                                                                                  200, 200, 200, 200, 200, 200, 200, 200),
            new Row("POST", "/api/v1/tokens", "/api/v1/tokens", "{\"role\":\"viewer\"}",
                                                                                  401, 403, 403, 403, 403, 201, 401, 401),
            new Row("GET", "/api/v1/tokens", "/api/v1/tokens", null,              401, 403, 403, 403, 403, 200, 401, 401),
            new Row("DELETE", "/api/v1/tokens/{id}", "/api/v1/tokens/tok-000000000000", null,
                                                                                  401, 403, 403, 403, 403, 404, 401, 401),
            new Row("GET", "/api/v1/audit", "/api/v1/audit", null,                401, 403, 403, 403, 403, 200, 401, 401),
            new Row("GET", "/admin/audit", "/admin/audit", null,                  303, 403, 403, 403, 403, 200, 401, 401),
            new Row("GET", "/admin/tokens", "/admin/tokens", null,                303, 403, 403, 403, 403, 200, 401, 401),
            new Row("GET", "/signin", "/signin", null,                            200, 200, 200, 200, 200, 200, 200, 200),
            new Row("POST", "/signin", "/signin", "token=dft_wrong&next=%2F",     401, 401, 401, 401, 401, 401, 401, 401),
            new Row("POST", "/signout", "/signout", "",                           401, 303, 303, 303, 303, 303, 401, 401),
            new Row("GET", "/api/v1/whoami", "/api/v1/whoami", null,              401, 200, 200, 200, 200, 200, 401, 401),
            new Row("GET", "/favicon.ico", "/favicon.ico", null,                  204, 204, 204, 204, 204, 204, 204, 204),
            new Row("GET", "/api/docs", "/api/docs", null,                        200, 200, 200, 200, 200, 200, 200, 200),
            new Row("GET", "/api/v1/menu", "/api/v1/menu", null,                  200, 200, 200, 200, 200, 200, 200, 200),
            new Row("GET", "/api/docs/openapi.json", "/api/docs/openapi.json", null,
                                                                                  200, 200, 200, 200, 200, 200, 200, 200));
    }

    @BeforeAll
    void start() throws Exception {
        // no job command (runs answer 503 after the access check); a high failure limit: the table sends many bad tokens
        server = new TestServer(AppConfig.fromEnvironment(Map.of()).withDataRoot(data).withPort(0).withAuthFailureLimit(100_000));
        tokens.put("submitter IDN", server.submitter("IDN"));
        tokens.put("submitter MYS", server.submitter("MYS"));
        tokens.put("researcher", server.token(Role.RESEARCHER, null));
        tokens.put("viewer", server.token(Role.VIEWER, null));
        tokens.put("admin", server.adminToken);
        String expired = server.token(Role.VIEWER, null);
        try (Connection c = server.services.database().dataSource().getConnection();
             PreparedStatement p = c.prepareStatement("UPDATE api_tokens SET expires_at = ? WHERE id = ?")) {
            p.setObject(1, OffsetDateTime.now().minusDays(1));
            p.setString(2, server.services.tokens().bySecret(expired).orElseThrow().id());
            p.executeUpdate();
        }
        tokens.put("expired", expired);
        String revoked = server.token(Role.ADMIN, null);
        server.services.tokens().revoke(server.services.tokens().bySecret(revoked).orElseThrow().id());
        tokens.put("revoked", revoked);
        HttpResponse<String> upload = server.post(UPLOAD, ("record_id,source_id,reporting_country,detection_date\n"
                + "r1,IDN-POLICE,IDN,2024-02-03\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(201, upload.statusCode(), upload.body());
        submission = JSON.readTree(upload.body()).path("id").asText();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** Issue 18, item 9: the menu offers a role exactly the pages this table lets it open. */
    @Test
    void the_menu_offers_each_role_the_pages_it_may_open() {
        Map<String, org.darkfigure.access.Role> roles = Map.of("submitter IDN", org.darkfigure.access.Role.SUBMITTER,
                "researcher", org.darkfigure.access.Role.RESEARCHER, "viewer", org.darkfigure.access.Role.VIEWER,
                "admin", org.darkfigure.access.Role.ADMIN);
        for (org.darkfigure.access.Menu.Entry entry : org.darkfigure.access.Menu.ENTRIES) {
            Row row = table().stream().filter(r -> r.method().equals("GET") && r.route().equals(entry.path())).findFirst()
                    .orElseThrow(() -> new AssertionError("the menu's " + entry.path() + " is not in the table"));
            roles.forEach((caller, role) -> assertEquals(entry.roles().contains(role),
                    row.expected()[CALLERS.indexOf(caller)] == 200, caller + " and " + entry.path()));
        }
    }

    @Test
    void the_table_names_every_route_the_server_registers() {
        Set<String> registered = server.app.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
                .map(ParsedEndpoint::getEndpoint).filter(e -> e.getMethod().isHttpMethod())
                .map(e -> e.getMethod().name() + " " + e.getPath())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> listed = table().stream().map(r -> r.method() + " " + r.route()).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(registered, listed, "every route needs its row in the access table (and every row a route)");
        System.out.printf("access table: %d routes x %d callers = %d requests%n", listed.size(), CALLERS.size(),
                listed.size() * CALLERS.size());
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Row row : table()) {
            for (int i = 0; i < CALLERS.size(); i++) {
                out.add(Arguments.of(row.method() + " " + row.route(), CALLERS.get(i), row, row.expected()[i]));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("cases")
    void each_caller_gets_the_status_the_table_says(String route, String caller, Row row, int expected) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                row.request(server.url(row.path().replace("SUB", submission)), tokens.get(caller)),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(expected, response.statusCode(), route + " as " + caller + ": " + response.body());
        if (expected == 401 || expected == 403) {
            // API refusals say why in the problem body; the sign-in form says it on the page
            assertTrue(response.body().contains("\"detail\"") || response.body().contains("role=\"alert\""),
                    "refusals say why: " + response.body());
        }
    }
}
