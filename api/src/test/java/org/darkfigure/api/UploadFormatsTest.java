package org.darkfigure.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The same two records accepted from every format, and each format's own ways of being broken. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UploadFormatsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] COLUMNS = {"record_id", "source_id", "reporting_country", "detection_date",
            "linkage_key", "sex", "birth_year", "citizenship"};
    private static final String CSV = String.join(",", COLUMNS) + "\n"
            + "r1,IDN-POLICE,IDN,2024-03-07,k1,F,1990,AFG\n"
            + "r2,IDN-POLICE,IDN,2024-05-01,k2,M,,MMR\n";

    @TempDir
    static Path data;
    @TempDir
    static Path files;
    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        server = new TestServer(data, 1 << 20);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private HttpResponse<String> upload(String format, String period, byte[] body) throws Exception {
        return server.post("/api/v1/submissions?country=IDN&source=IDN-POLICE&recordType=migrant&schemaVersion=1"
                + "&period=" + period + "&format=" + format, body);
    }

    private static void assertAccepted(HttpResponse<String> r, String format) throws IOException {
        assertEquals(201, r.statusCode(), r.body());
        JsonNode s = JSON.readTree(r.body());
        assertEquals(2, s.path("rows").asInt());
        assertEquals(format, s.path("format").asText());
    }

    private static JsonNode firstProblem(HttpResponse<String> r) throws IOException {
        assertEquals(422, r.statusCode(), r.body());
        return JSON.readTree(r.body()).path("report").path("problems").get(0);
    }

    @Test
    void json_lines() throws Exception {
        String jsonl = "{\"record_id\":\"r1\",\"source_id\":\"IDN-POLICE\",\"reporting_country\":\"IDN\",\"detection_date\":\"2024-03-07\","
                + "\"linkage_key\":\"k1\",\"sex\":\"F\",\"birth_year\":1990,\"citizenship\":\"AFG\"}\n"
                + "{\"record_id\":\"r2\",\"source_id\":\"IDN-POLICE\",\"reporting_country\":\"IDN\",\"detection_date\":\"2024-05-01\","
                + "\"linkage_key\":\"k2\",\"sex\":\"M\",\"birth_year\":null,\"citizenship\":\"MMR\"}\n";
        assertAccepted(upload("jsonl", "2024-Q1", utf8(jsonl.replace("2024-05-01", "2024-02-01"))), "jsonl");

        JsonNode notObject = firstProblem(upload("jsonl", "2024", utf8(jsonl + "[1,2]\n")));
        assertEquals("MALFORMED_RECORD", notObject.path("rule").asText());
        assertEquals(3, notObject.path("row").asInt(), "JSON Lines problems are numbered by line");
        JsonNode lateKey = firstProblem(upload("jsonl", "2024", utf8(jsonl + jsonl.lines().findFirst().get()
                .replace("}", ",\"name\":\"x\"}").replace("\"r1\"", "\"r3\"") + "\n")));
        assertEquals("HEADER_UNKNOWN_COLUMN", lateKey.path("rule").asText());
        assertEquals("name", lateKey.path("column").asText());
    }

    @Test
    void gzip_compressed_csv_and_a_truncated_one() throws Exception {
        byte[] gz = gzip(utf8(CSV));
        assertAccepted(upload("csv", "2024", gz), "csv");
        byte[] cut = Arrays.copyOf(gz, gz.length - 12);
        JsonNode p = firstProblem(upload("csv", "2023", cut));
        assertEquals("FILE_UNREADABLE", p.path("rule").asText());
        assertTrue(p.path("message").asText().contains("truncated"), p.toString());
    }

    @Test
    void a_decompression_bomb_is_413() throws Exception {
        byte[] zeros = new byte[5 << 20]; // 5 MiB of zeros compress to a few KiB; the test server allows 4 MiB unpacked
        HttpResponse<String> r = upload("csv", "2022", gzip(zeros));
        assertEquals(413, r.statusCode(), r.body());
        assertTrue(r.body().contains("DARKFIGURE_MAX_DECOMPRESSED_BYTES"));
    }

    @Test
    void xlsx_with_real_date_cells() throws Exception {
        Path book = files.resolve("migrants.xlsx");
        try (SXSSFWorkbook wb = new SXSSFWorkbook()) {
            var sheet = wb.createSheet("migrant");
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("d/m/yy"));
            Row header = sheet.createRow(0);
            for (int i = 0; i < COLUMNS.length; i++) {
                header.createCell(i).setCellValue(COLUMNS[i]);
            }
            Object[][] rows = {{"r1", "IDN-POLICE", "IDN", LocalDate.of(2021, 3, 7), "k1", "F", 1990.0, "AFG"},
                    {"r2", "IDN-POLICE", "IDN", LocalDate.of(2021, 5, 1), "k2", "M", null, "MMR"}};
            for (int r = 0; r < rows.length; r++) {
                Row row = sheet.createRow(r + 1);
                for (int c = 0; c < COLUMNS.length; c++) {
                    Object v = rows[r][c];
                    if (v instanceof String s) {
                        row.createCell(c).setCellValue(s);
                    } else if (v instanceof Double d) {
                        row.createCell(c).setCellValue(d);
                    } else if (v instanceof LocalDate d) {
                        var cell = row.createCell(c);
                        cell.setCellValue(d);
                        cell.setCellStyle(date);
                    }
                }
            }
            try (var out = Files.newOutputStream(book)) {
                wb.write(out);
            }
        }
        assertAccepted(upload("xlsx", "2021", Files.readAllBytes(book)), "xlsx");
        JsonNode p = firstProblem(upload("xlsx", "2020", utf8(CSV)));
        assertEquals("FILE_UNREADABLE", p.path("rule").asText());
    }

    @Test
    void parquet_with_typed_columns() throws Exception {
        Path file = files.resolve("migrants.parquet");
        Schema date = LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
        Schema schema = SchemaBuilder.record("m").fields()
                .requiredString("record_id").requiredString("source_id").requiredString("reporting_country")
                .name("detection_date").type(date).noDefault()
                .optionalString("linkage_key").optionalString("sex").optionalInt("birth_year").optionalString("citizenship")
                .endRecord();
        try (ParquetWriter<GenericRecord> w = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                .withDataModel(GenericData.get()).withSchema(schema).withConf(new PlainParquetConfiguration()).build()) {
            w.write(record(schema, "r1", LocalDate.of(2019, 3, 7), "k1", "F", 1990, "AFG"));
            w.write(record(schema, "r2", LocalDate.of(2019, 5, 1), "k2", "M", null, "MMR"));
        }
        assertAccepted(upload("parquet", "2019", Files.readAllBytes(file)), "parquet");
        JsonNode p = firstProblem(upload("parquet", "2018", utf8(CSV)));
        assertEquals("FILE_UNREADABLE", p.path("rule").asText());
    }

    @Test
    void an_unknown_format_is_400() throws Exception {
        assertEquals(400, upload("xml", "2024", utf8(CSV)).statusCode());
    }

    private static GenericRecord record(Schema schema, String id, LocalDate date, String key, String sex, Integer year,
                                        String citizenship) {
        GenericRecord r = new GenericData.Record(schema);
        r.put("record_id", id);
        r.put("source_id", "IDN-POLICE");
        r.put("reporting_country", "IDN");
        r.put("detection_date", (int) date.toEpochDay());
        r.put("linkage_key", key);
        r.put("sex", sex);
        r.put("birth_year", year);
        r.put("citizenship", citizenship);
        return r;
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
