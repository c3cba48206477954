package org.darkfigure.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A member state declares its own codes; uploads using them are accepted and remember the profile version. */
class ProfilesApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static HttpResponse<String> put(TestServer server, String path, String body) throws Exception {
        return server.http.send(HttpRequest.newBuilder(URI.create(server.url(path)))
                .header("Authorization", "Bearer " + server.tokenFor("PUT", path))
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void national_codes_are_declared_checked_and_accepted(@TempDir Path data) throws Exception {
        try (TestServer server = new TestServer(data)) {
            HttpResponse<String> bad = put(server, "/api/v1/profiles/IDN",
                    "{\"country\":\"IDN\",\"fields\":{\"sex\":{\"codes\":{\"L\":\"MALE\"}},\"nope\":{\"codes\":{\"a\":\"b\"}}}}");
            assertEquals(422, bad.statusCode(), bad.body());
            String problems = JSON.readTree(bad.body()).path("problems").toString();
            assertTrue(problems.contains("'MALE', which is not in sex"), problems);
            assertTrue(problems.contains("field 'nope' is in no record type"), problems);

            HttpResponse<String> ok = put(server, "/api/v1/profiles/IDN",
                    "{\"country\":\"IDN\",\"fields\":{\"sex\":{\"codes\":{\"L\":\"M\",\"P\":\"F\"},\"nationalOnly\":true},"
                            + "\"citizenship\":{\"codes\":{\"AF\":\"AFG\"}}}}");
            assertEquals(201, ok.statusCode(), ok.body());
            assertEquals(1, JSON.readTree(ok.body()).path("version").asInt());

            String header = "record_id,source_id,reporting_country,detection_date,sex,citizenship\n";
            HttpResponse<String> accepted = server.upload("IDN", "IDN-POLICE", "2024",
                    (header + "r1,IDN-POLICE,IDN,2024-01-02,L,AF\nr2,IDN-POLICE,IDN,2024-01-03,P,MMR\n")
                            .getBytes(StandardCharsets.UTF_8));
            assertEquals(201, accepted.statusCode(), accepted.body());
            String id = JSON.readTree(accepted.body()).path("id").asText();
            assertEquals(1, server.services.submissions().find(id).orElseThrow().profileVersion());

            HttpResponse<String> refused = server.upload("IDN", "IDN-NGO", "2024",
                    (header + "r1,IDN-NGO,IDN,2024-01-02,M,AF\n").getBytes(StandardCharsets.UTF_8));
            JsonNode problem = JSON.readTree(refused.body()).path("report").path("problems").get(0);
            assertEquals("CODE_NOT_IN_LIST", problem.path("rule").asText(), "sex takes only the national codes");
            assertTrue(problem.path("message").asText().contains("L, P") || problem.path("message").asText().contains("P, L"));
        }
    }

    /** Issue 18, item 11: once a state has declared its sources, a misspelt one is refused and leaves no trace. */
    @Test
    void a_source_the_state_has_not_declared_is_refused_with_the_declared_ones(@TempDir Path data) throws Exception {
        try (TestServer server = new TestServer(data)) {
            String header = "record_id,source_id,reporting_country,detection_date,sex,citizenship\n";
            assertEquals(201, server.upload("IDN", "IDN-POLCE", "2024",
                    (header + "r1,IDN-POLCE,IDN,2024-01-02,M,AFG\n").getBytes(StandardCharsets.UTF_8)).statusCode(),
                    "before any source is declared, any well-formed source is taken");

            HttpResponse<String> declared = put(server, "/api/v1/profiles/IDN/sources",
                    "{\"IDN-POLICE\": \"National Police\", \"IDN-NGO\": \"Shelters\"}");
            assertEquals(201, declared.statusCode(), declared.body());
            assertEquals("National Police", JSON.readTree(declared.body()).path("sources").path("IDN-POLICE").asText());
            HttpResponse<String> badCode = put(server, "/api/v1/profiles/IDN/sources", "{\"idn police\": \"x\"}");
            assertEquals(422, badCode.statusCode(), badCode.body());
            assertTrue(badCode.body().contains("'idn police' must be 1-32 upper-case letters"), badCode.body());

            int before = server.services.submissions().refused().size();
            HttpResponse<String> typo = server.upload("IDN", "IDN-POLCE", "2024",
                    (header + "r1,IDN-POLCE,IDN,2024-01-02,M,AFG\n").getBytes(StandardCharsets.UTF_8));
            assertEquals(422, typo.statusCode(), typo.body());
            JsonNode problem = JSON.readTree(typo.body()).path("report").path("problems").get(0);
            assertEquals("SOURCE_NOT_DECLARED", problem.path("rule").asText());
            assertEquals("source 'IDN-POLCE' is not one of IDN's declared sources: IDN-NGO (Shelters), IDN-POLICE "
                    + "(National Police)", problem.path("message").asText());
            assertEquals(before, server.services.submissions().refused().size(), "nothing registered, so no new matrix row");

            assertEquals(201, server.upload("IDN", "IDN-POLICE", "2024",
                    (header + "r1,IDN-POLICE,IDN,2024-01-02,M,AFG\n").getBytes(StandardCharsets.UTF_8)).statusCode());
            // declaring sources kept nothing else away: the code lists of a later full profile still work
            assertEquals(201, put(server, "/api/v1/profiles/IDN",
                    "{\"country\":\"IDN\",\"fields\":{\"sex\":{\"codes\":{\"L\":\"M\"}}},"
                            + "\"sources\":{\"IDN-POLICE\":\"National Police\"}}").statusCode());
            assertEquals(422, server.upload("IDN", "IDN-NGO", "2024",
                    (header + "r1,IDN-NGO,IDN,2024-01-02,L,AFG\n").getBytes(StandardCharsets.UTF_8)).statusCode(),
                    "the newest profile's sources are the ones that count");
        }
    }
}
