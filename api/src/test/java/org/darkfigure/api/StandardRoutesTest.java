package org.darkfigure.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.darkfigure.standard.RecordType;
import org.darkfigure.standard.Standard;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Templates, JSON Schemas and the codebook are served for every record type and agree with the standard. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StandardRoutesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;
    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        server = new TestServer(data);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"migrant", "incident", "offender", "capture_history"})
    void templates_and_schema_follow_the_standard(String name) throws Exception {
        RecordType type = Standard.builtIn().require(name, 1);
        String base = "/api/v1/standard/" + name + "/1";

        HttpResponse<String> csv = server.get(base + "/template.csv");
        assertEquals(200, csv.statusCode());
        List<String> header = List.of(csv.body().strip().split(","));
        assertTrue(header.containsAll(type.columnNames()), header.toString());

        HttpResponse<byte[]> xlsx = server.http.send(HttpRequest.newBuilder(URI.create(server.url(base + "/template.xlsx")))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, xlsx.statusCode());
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            Row first = wb.getSheet(name).getRow(0);
            List<String> cells = new ArrayList<>();
            first.forEach(c -> cells.add(c.getStringCellValue()));
            assertEquals(header, cells, "the XLSX and CSV templates have the same header");
        }

        JsonNode schema = JSON.readTree(server.get(base + "/schema.json").body());
        assertEquals("object", schema.path("type").asText());
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        assertEquals(type.fields().stream().filter(f -> f.required()).map(f -> f.name()).toList(), required);

        assertTrue(server.get("/codebook").body().contains("id=\"" + name + "-v1\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/standard/nope/1/template.csv", "/api/v1/standard/migrant/9/schema.json"})
    void unknown_record_types_are_404(String path) throws Exception {
        assertEquals(404, server.get(path).statusCode());
    }
}
