package org.darkfigure.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.darkfigure.registry.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The intake through HTTP with the registry on PostgreSQL: accept, repeat, supersede, refuse. */
@Tag("postgres")
class PostgresIntakeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEADER = "record_id,source_id,reporting_country,detection_date,linkage_key,sex\n";

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void uploads_are_registered_in_postgresql(@TempDir Path data) throws Exception {
        try (TestServer server = new TestServer(data, 1 << 20, TestDatabases.freshPostgresUrl())) {
            String v1 = HEADER + "r1,IDN-POLICE,IDN,2024-03-07,k1,F\n";
            HttpResponse<String> first = server.upload("IDN", "IDN-POLICE", "2024", utf8(v1));
            assertEquals(201, first.statusCode(), first.body());
            String firstId = JSON.readTree(first.body()).path("id").asText();
            assertEquals(200, server.upload("IDN", "IDN-POLICE", "2024", utf8(v1)).statusCode(), "same bytes again");

            JsonNode second = JSON.readTree(server.upload("IDN", "IDN-POLICE", "2024",
                    utf8(v1 + "r2,IDN-POLICE,IDN,2024-03-08,k2,M\n")).body());
            assertEquals(2, second.path("revision").asInt());
            assertEquals("superseded", JSON.readTree(server.get("/api/v1/submissions/" + firstId).body())
                    .path("status").asText());

            HttpResponse<String> refused = server.upload("IDN", "IDN-NGO", "2024", utf8(HEADER + "r1,IDN-NGO,IDN,soon,k1,F\n"));
            assertEquals(422, refused.statusCode());
            assertEquals(1, server.services.submissions().refused().size());
            assertTrue(server.services.submissions().current().stream().allMatch(s -> s.revision() == 2));
        }
    }
}
