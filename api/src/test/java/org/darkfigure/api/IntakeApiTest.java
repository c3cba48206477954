package org.darkfigure.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The intake through HTTP: accepted, refused with an exact report, idempotent, superseding, size-limited. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntakeApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEADER =
            "record_id,source_id,reporting_country,detection_date,linkage_key,sex,birth_year,citizenship\n";
    private static final String GOOD = HEADER
            + "r1,IDN-POLICE,IDN,2024-03-07,k1,F,1990,AFG\n"
            + "r2,IDN-POLICE,IDN,2024-05-01,k2,M,,MMR\n";

    @TempDir
    static Path data;
    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        server = new TestServer(data, 64 * 1024);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void a_good_file_is_stored_staged_and_registered() throws Exception {
        HttpResponse<String> response = server.upload("IDN", "IDN-POLICE", "2024", utf8(GOOD));
        assertEquals(201, response.statusCode(), response.body());
        JsonNode created = JSON.readTree(response.body());
        String id = created.path("id").asText();
        assertEquals("accepted", created.path("status").asText());
        assertEquals(2, created.path("rows").asInt());
        assertEquals(1, created.path("revision").asInt());
        assertEquals(64, created.path("sha256").asText().length());
        // the raw file is the body as sent, byte for byte, and its SHA-256 is the one registered (both are taken
        // from the body as it is read and validated)
        byte[] raw = Files.readAllBytes(data.resolve("raw").resolve(id).resolve("original.csv"));
        assertTrue(java.util.Arrays.equals(utf8(GOOD), raw));
        assertEquals(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(raw)),
                created.path("sha256").asText());
        // staged: the file's columns (not the record type's other 21 fields) and the submission id
        Path part = data.resolve("staging").resolve(id).resolve("part-00000.parquet");
        try (org.apache.parquet.hadoop.ParquetFileReader reader = org.apache.parquet.hadoop.ParquetFileReader.open(
                new org.apache.parquet.io.LocalInputFile(part))) {
            assertEquals(java.util.List.of("record_id", "source_id", "reporting_country", "detection_date",
                            "linkage_key", "sex", "birth_year", "citizenship", "submission_id"),
                    reader.getFileMetaData().getSchema().getFields().stream()
                            .map(org.apache.parquet.schema.Type::getName).toList());
        }

        JsonNode fetched = JSON.readTree(server.get("/api/v1/submissions/" + id).body());
        assertEquals("accepted", fetched.path("status").asText());
        assertEquals(0, fetched.path("report").path("errors").asInt());
        assertEquals(2, fetched.path("report").path("rowsRead").asInt());
    }

    @Test
    void the_same_bytes_twice_return_the_existing_submission() throws Exception {
        String body = HEADER + "a1,THA-NGO,THA,2023-01-02,k9,F,1999,KHM\n";
        String first = JSON.readTree(server.upload("THA", "THA-NGO", "2023", utf8(body)).body()).path("id").asText();
        HttpResponse<String> again = server.upload("THA", "THA-NGO", "2023", utf8(body));
        assertEquals(200, again.statusCode());
        assertEquals(first, JSON.readTree(again.body()).path("id").asText());
        assertTrue(JSON.readTree(again.body()).path("alreadyReceived").asBoolean());
    }

    @Test
    void a_new_file_for_the_same_slice_supersedes_the_previous_one() throws Exception {
        String v1 = HEADER + "a1,MYS-POLICE,MYS,2022-01-02,k1,F,1999,KHM\n";
        String v2 = v1 + "a2,MYS-POLICE,MYS,2022-01-03,k2,M,1989,VNM\n";
        String first = JSON.readTree(server.upload("MYS", "MYS-POLICE", "2022", utf8(v1)).body()).path("id").asText();
        JsonNode second = JSON.readTree(server.upload("MYS", "MYS-POLICE", "2022", utf8(v2)).body());
        assertEquals(2, second.path("revision").asInt());
        JsonNode old = JSON.readTree(server.get("/api/v1/submissions/" + first).body());
        assertEquals("superseded", old.path("status").asText());
        assertEquals(second.path("id").asText(), old.path("supersededBy").asText());
        assertEquals(1, server.services.submissions().current().stream()
                .filter(s -> s.country().equals("MYS")).count());
    }

    static Stream<Arguments> badFiles() {
        byte[] latin1 = (HEADER + "r1,IDN-POLICE,IDN,2024-03-07,k1,F,1990,AFG\nr2,IDN-POLICE,IDN,2024-03-07,caf\u00e9,F,1990,AFG\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        return Stream.of(
                Arguments.of("wrong header", utf8(HEADER.replace("sex", "gender") + "r1,IDN-POLICE,IDN,2024-03-07,k1,F,1990,AFG\n"),
                        "HEADER_UNKNOWN_COLUMN", 1, "gender"),
                Arguments.of("missing column", utf8(HEADER.replace(",detection_date", "") + "r1,IDN-POLICE,IDN,k1,F,1990,AFG\n"),
                        "HEADER_MISSING_COLUMN", 1, "detection_date"),
                Arguments.of("unknown country", utf8(HEADER + "r1,IDN-POLICE,IDN,2024-03-07,k1,F,1990,XYZ\n"),
                        "CODE_NOT_IN_LIST", 2, "citizenship"),
                Arguments.of("unparsable date", utf8(HEADER + "r1,IDN-POLICE,IDN,2024-03-07,k1,F,1990,AFG\nr2,IDN-POLICE,IDN,7 March 2024,k2,F,1990,AFG\n"),
                        "NOT_A_DATE", 3, "detection_date"),
                Arguments.of("empty file", new byte[0], "FILE_EMPTY", null, null),
                Arguments.of("non-UTF-8 bytes", latin1, "ENCODING_NOT_UTF8", 3, "linkage_key"),
                Arguments.of("too many fields", utf8(HEADER + "r1,IDN-POLICE,IDN,2024-03-07,k1,F,1990,AFG,surplus\n"),
                        "ROW_TOO_MANY_FIELDS", 2, "(column 9)"),
                Arguments.of("header only", utf8(HEADER), "NO_DATA_ROWS", null, null),
                Arguments.of("row of another country", utf8(HEADER + "r1,IDN-POLICE,MYS,2024-03-07,k1,F,1990,AFG\n"),
                        "DIFFERS_FROM_MANIFEST", 2, "reporting_country"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void a_bad_file_is_refused_whole_with_row_and_column_and_leaves_nothing(String name, byte[] body, String rule,
                                                                         Integer row, String column) throws Exception {
        long before = server.services.submissions().all().size();
        HttpResponse<String> response = server.upload("IDN", "IDN-POLICE", "2024", body);
        assertEquals(422, response.statusCode(), response.body());
        JsonNode report = JSON.readTree(response.body()).path("report");
        assertFalse(report.path("accepted").asBoolean());
        JsonNode problem = report.path("problems").get(0);
        assertEquals(rule, problem.path("rule").asText(), response.body());
        if (row == null) {
            assertTrue(problem.path("row").isNull());
        } else {
            assertEquals(row.intValue(), problem.path("row").asInt(), response.body());
            assertEquals(column, problem.path("column").asText());
        }
        assertFalse(problem.path("message").asText().isBlank());
        assertFalse(problem.path("hint").asText().isBlank());
        assertEquals(before, server.services.submissions().all().size(), "no submission registered");
        assertNothingLeftBehind();
        String id = JSON.readTree(response.body()).path("id").asText();
        JsonNode attempt = JSON.readTree(server.get("/api/v1/submissions/" + id).body());
        assertEquals("refused", attempt.path("status").asText(), "the attempt and its report are kept, not the data");
        assertEquals(0, attempt.path("rows").asInt());
        HttpResponse<String> csv = server.get("/api/v1/submissions/" + id + "/report.csv");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.body().lines().skip(1).findFirst().orElseThrow().contains(rule), csv.body());
    }

    @Test
    void a_bad_manifest_names_the_parameter() throws Exception {
        HttpResponse<String> response = server.post("/api/v1/submissions?country=IDN&source=IDN-POLICE&recordType=migrant"
                + "&schemaVersion=1&period=2024-W01", utf8(GOOD));
        assertEquals(422, response.statusCode());
        JsonNode problems = JSON.readTree(response.body()).path("report").path("problems");
        assertEquals("period", problems.get(0).path("column").asText());
        // a country the token does not submit for is refused before anything is read
        HttpResponse<String> other = server.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url(
                        "/api/v1/submissions?country=XX&source=IDN-POLICE&recordType=migrant&schemaVersion=1&period=2024")))
                .header("Authorization", "Bearer " + server.submitter("IDN"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(GOOD)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, other.statusCode(), other.body());
        assertTrue(other.body().contains("submits for IDN only, not for XX"), other.body());
    }

    @Test
    void an_upload_over_the_limit_is_413_and_leaves_nothing() throws Exception {
        StringBuilder big = new StringBuilder(HEADER);
        for (int i = 0; big.length() < 70 * 1024; i++) {
            big.append("r").append(i).append(",IDN-POLICE,IDN,2024-03-07,k").append(i).append(",F,1990,AFG\n");
        }
        HttpResponse<String> response = server.upload("IDN", "IDN-POLICE", "2024", utf8(big.toString()));
        assertEquals(413, response.statusCode(), response.body());
        assertTrue(JSON.readTree(response.body()).path("detail").asText().contains("DARKFIGURE_MAX_UPLOAD_BYTES"));
        assertNothingLeftBehind();
    }

    @Test
    void unknown_submission_is_404_with_a_problem_body() throws Exception {
        HttpResponse<String> response = server.get("/api/v1/submissions/sub-nope");
        assertEquals(404, response.statusCode());
        assertEquals("Not found", JSON.readTree(response.body()).path("title").asText());
    }

    private void assertNothingLeftBehind() throws Exception {
        var registered = server.services.submissions().ids();
        for (String folder : new String[] {"staging", "raw"}) {
            Path dir = data.resolve(folder);
            if (Files.isDirectory(dir)) {
                try (var children = Files.list(dir)) {
                    children.forEach(c -> assertTrue(registered.contains(c.getFileName().toString()),
                            "unregistered " + folder + "/" + c.getFileName()));
                }
            }
        }
        Path incoming = data.resolve("incoming");
        if (Files.isDirectory(incoming)) {
            try (var children = Files.list(incoming)) {
                assertEquals(0, children.count(), "incoming/ is empty after the request");
            }
        }
    }
}
