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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden bad inputs: one upload per defect, each format and record type, with the exact status and
 * the first report entry (rule, row, column) expected. Every refused upload must leave no data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedFilesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String H = "record_id,source_id,reporting_country,detection_date,linkage_key,sex,birth_year,citizenship";
    private static final String OK_ROW = "r1,IDN-POLICE,IDN,2024-03-07,k1,F,1990,AFG";
    private static final String CH = "reporting_country,year,L_IDN-POLICE,L_IDN-NGO,count";
    private static final String INC = "incident_id,source_id,reporting_country,incident_date,incident_type";

    @TempDir
    static Path data;
    @TempDir
    static Path scratch;
    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        server = new TestServer(data, 2 << 20);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** One golden case: what is sent and the first problem expected (rule null: no problem, accepted). */
    record Case(String name, String recordType, String format, String period, byte[] body, int status, String rule,
                Long row, String column) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case csv(String name, String body, String rule, Long row, String column) {
        return new Case(name, "migrant", "csv", "2024", utf8(body), 422, rule, row, column);
    }

    static Stream<Case> cases() throws IOException {
        List<Case> c = new ArrayList<>();
        // --- CSV, structure
        c.add(new Case("0-byte file", "migrant", "csv", "2024", new byte[0], 422, "FILE_EMPTY", null, null));
        c.add(csv("header only", H + "\n", "NO_DATA_ROWS", null, null));
        c.add(csv("blank lines only", "\n\n\r\n", "FILE_EMPTY", null, null));
        c.add(csv("wrong header name", H.replace("sex", "gender") + "\n" + OK_ROW + "\n", "HEADER_UNKNOWN_COLUMN", 1L, "gender"));
        c.add(csv("missing required column", H.replace(",detection_date", "") + "\nr1,IDN-POLICE,IDN,k1,F,1990,AFG\n",
                "HEADER_MISSING_COLUMN", 1L, "detection_date"));
        c.add(csv("duplicate column", H + ",sex\n" + OK_ROW + ",F\n", "HEADER_DUPLICATE_COLUMN", 1L, "sex"));
        c.add(csv("clear identifier column", H + ",surname\n" + OK_ROW + ",Smith\n", "CLEAR_IDENTIFIER_COLUMN", 1L, "surname"));
        c.add(csv("wrong delimiter", H.replace(',', ';') + "\n" + OK_ROW.replace(',', ';') + "\n", "HEADER_UNKNOWN_COLUMN", 1L,
                H.replace(',', ';')));
        c.add(csv("too many fields", H + "\n" + OK_ROW + ",surplus\n", "ROW_TOO_MANY_FIELDS", 2L, "(column 9)"));
        c.add(csv("too few fields", H + "\nr1,IDN-POLICE,IDN,2024-03-07\n", "ROW_TOO_FEW_FIELDS", 2L, null));
        c.add(csv("unterminated quote", H + "\n" + OK_ROW + "\n\"r2,IDN-POLICE,IDN,2024-03-07,k2,F,1990,AFG\n",
                "MALFORMED_QUOTE", 3L, "(column 1)"));
        c.add(csv("text after closing quote", H + "\n\"r1\"x,IDN-POLICE,IDN,2024-03-07,k1,F,1990,AFG\n", "MALFORMED_QUOTE", 2L,
                "(column 1)"));
        c.add(new Case("latin-1 bytes", "migrant", "csv", "2024",
                (H + "\n" + OK_ROW + "\nr2,IDN-POLICE,IDN,2024-03-07,caf\u00e9,F,1990,AFG\n").getBytes(StandardCharsets.ISO_8859_1),
                422, "ENCODING_NOT_UTF8", 3L, "linkage_key"));
        c.add(new Case("UTF-16 file", "migrant", "csv", "2024", (H + "\n" + OK_ROW + "\n").getBytes(StandardCharsets.UTF_16),
                422, "ENCODING_NOT_UTF8", 1L, null));
        c.add(csv("a million columns", ",".repeat(1_000_000) + "\n", "FIELD_TOO_LARGE", 1L, null));
        c.add(csv("a 100 KB value", H + "\nr1,IDN-POLICE,IDN,2024-03-07," + "k".repeat(100_000) + ",F,1990,AFG\n",
                "FIELD_TOO_LARGE", 2L, "(column 5)"));
        // --- CSV, values
        c.add(csv("unknown citizenship", H + "\nr1,IDN-POLICE,IDN,2024-03-07,k1,F,1990,XYZ\n", "CODE_NOT_IN_LIST", 2L, "citizenship"));
        c.add(csv("unknown sex code", H + "\nr1,IDN-POLICE,IDN,2024-03-07,k1,X,1990,AFG\n", "CODE_NOT_IN_LIST", 2L, "sex"));
        c.add(csv("row of another country", H + "\nr1,IDN-POLICE,MYS,2024-03-07,k1,F,1990,AFG\n", "DIFFERS_FROM_MANIFEST", 2L,
                "reporting_country"));
        c.add(csv("row of another source", H + "\nr1,IDN-NGO,IDN,2024-03-07,k1,F,1990,AFG\n", "DIFFERS_FROM_MANIFEST", 2L, "source_id"));
        c.add(csv("day-first date", H + "\nr1,IDN-POLICE,IDN,07/03/2024,k1,F,1990,AFG\n", "NOT_A_DATE", 2L, "detection_date"));
        c.add(csv("impossible date", H + "\nr1,IDN-POLICE,IDN,2024-02-30,k1,F,1990,AFG\n", "NOT_A_DATE", 2L, "detection_date"));
        c.add(csv("date outside the period", H + "\nr1,IDN-POLICE,IDN,2023-12-31,k1,F,1990,AFG\n", "DATE_OUTSIDE_PERIOD", 2L,
                "detection_date"));
        c.add(csv("year with a letter", H + "\nr1,IDN-POLICE,IDN,2024-03-07,k1,F,19x0,AFG\n", "NOT_AN_INTEGER", 2L, "birth_year"));
        c.add(csv("year out of range", H + "\nr1,IDN-POLICE,IDN,2024-03-07,k1,F,1850,AFG\n", "OUT_OF_RANGE", 2L, "birth_year"));
        c.add(csv("born after the period", H + "\nr1,IDN-POLICE,IDN,2024-03-07,k1,F,2025,AFG\n", "YEAR_AFTER_PERIOD", 2L,
                "birth_year"));
        c.add(csv("empty required value", H + "\n,IDN-POLICE,IDN,2024-03-07,k1,F,1990,AFG\n", "REQUIRED_MISSING", 2L, "record_id"));
        c.add(csv("duplicate record id", H + "\n" + OK_ROW + "\n" + OK_ROW + "\n", "DUPLICATE_VALUE", 3L, "record_id"));
        c.add(csv("record id with a space", H + "\nr 1,IDN-POLICE,IDN,2024-03-07,k1,F,1990,AFG\n", "PATTERN_MISMATCH", 2L, "record_id"));
        c.add(csv("record id too long", H + "\n" + "r".repeat(65) + ",IDN-POLICE,IDN,2024-03-07,k1,F,1990,AFG\n", "TOO_LONG", 2L,
                "record_id"));
        c.add(csv("formula in a linkage key", H + "\nr1,IDN-POLICE,IDN,2024-03-07,=cmd|' /C calc'!A0,F,1990,AFG\n",
                "PATTERN_MISMATCH", 2L, "linkage_key"));
        c.add(csv("age band against birth year", "record_id,source_id,reporting_country,detection_date,birth_year,age_band\n"
                + "r1,IDN-POLICE,IDN,2024-03-07,1990,Y0T13\n", "AGE_BAND_MISMATCH", 2L, "age_band"));
        c.add(new Case("formula-like free text is accepted with a warning", "migrant", "csv", "2024",
                utf8("record_id,source_id,reporting_country,detection_date,detection_area\n"
                        + "r1,IDN-POLICE,IDN,2024-03-07,\"=HYPERLINK(\"\"http://x\"\")\"\n"), 201, "FORMULA_LIKE_VALUE", 2L,
                "detection_area"));
        // --- JSON Lines
        String line = "{\"record_id\":\"r1\",\"source_id\":\"IDN-POLICE\",\"reporting_country\":\"IDN\",\"detection_date\":\"2024-03-07\"}";
        c.add(new Case("JSON line that is an array", "migrant", "jsonl", "2024", utf8(line + "\n[1]\n"), 422, "MALFORMED_RECORD", 2L, null));
        c.add(new Case("invalid JSON", "migrant", "jsonl", "2024", utf8(line + "\n{\"record_id\": \n"), 422, "MALFORMED_RECORD", 2L, null));
        c.add(new Case("nested JSON value", "migrant", "jsonl", "2024", utf8(line.replace("\"r1\"", "{\"a\":1}") + "\n"), 422,
                "MALFORMED_RECORD", 1L, "record_id"));
        c.add(new Case("JSON key first seen late", "migrant", "jsonl", "2024",
                utf8(line + "\n" + line.replace("\"r1\"", "\"r2\"").replace("}", ",\"passport\":\"X1\"}") + "\n"), 422,
                "HEADER_UNKNOWN_COLUMN", 2L, "passport"));
        c.add(new Case("JSON fractional year", "migrant", "jsonl", "2024", utf8(line.replace("}", ",\"birth_year\":1990.5}") + "\n"),
                422, "NOT_AN_INTEGER", 1L, "birth_year"));
        // --- XLSX, Parquet, gzip
        c.add(new Case("CSV declared as XLSX", "migrant", "xlsx", "2024", utf8(H + "\n" + OK_ROW + "\n"), 422, "FILE_UNREADABLE",
                null, null));
        c.add(new Case("a zip that is no workbook", "migrant", "xlsx", "2024", zip(), 422, "FILE_UNREADABLE", null, null));
        c.add(new Case("XLSX date typed as text", "migrant", "xlsx", "2024", workbook("7 March 2024"), 422, "NOT_A_DATE", 2L,
                "detection_date"));
        c.add(new Case("not Parquet", "migrant", "parquet", "2024", utf8("PAR1 but not really"), 422, "FILE_UNREADABLE", null, null));
        c.add(new Case("Parquet with a foreign column", "migrant", "parquet", "2024", parquet(), 422, "HEADER_UNKNOWN_COLUMN", 1L,
                "nationality"));
        byte[] gz = gzip(utf8(H + "\n" + OK_ROW + "\nr2,IDN-POLICE,IDN,2024-03-07,k2,F,1990,XYZ\n"));
        c.add(new Case("truncated gzip", "migrant", "csv", "2024", Arrays.copyOf(gz, gz.length / 2), 422, "FILE_UNREADABLE", null, null));
        c.add(new Case("gzip with a bad row inside", "migrant", "csv", "2024", gz, 422, "CODE_NOT_IN_LIST", 3L, "citizenship"));
        c.add(new Case("decompression bomb", "migrant", "csv", "2024", gzip(new byte[9 << 20]), 413, null, null, null));
        c.add(new Case("upload over the size limit", "migrant", "csv", "2024", new byte[3 << 20], 413, null, null, null));
        // --- manifest
        c.add(new Case("unknown record type", "victim", "csv", "2024", utf8(H + "\n"), 422, "MANIFEST_INVALID", null, "recordType"));
        c.add(new Case("week period", "migrant", "csv", "2024-W01", utf8(H + "\n"), 422, "MANIFEST_INVALID", null, "period"));
        c.add(new Case("unknown format", "migrant", "xml", "2024", utf8(H + "\n"), 400, null, null, null));
        // --- capture_history
        c.add(new Case("all-zero capture pattern", "capture_history", "csv", "2024", utf8(CH + "\nIDN,2024,0,0,5\n"), 422,
                "PATTERN_EMPTY", 2L, null));
        c.add(new Case("list value 2", "capture_history", "csv", "2024", utf8(CH + "\nIDN,2024,2,0,5\n"), 422, "LIST_VALUE_NOT_0_1", 2L,
                "L_IDN-POLICE"));
        c.add(new Case("one list only", "capture_history", "csv", "2024", utf8("reporting_country,year,L_IDN-POLICE,count\nIDN,2024,1,5\n"),
                422, "HEADER_TOO_FEW_LISTS", 1L, null));
        c.add(new Case("pattern twice in a stratum", "capture_history", "csv", "2024", utf8(CH + "\nIDN,2024,1,0,5\nIDN,2024,1,0,3\n"),
                422, "PATTERN_DUPLICATE", 3L, null));
        c.add(new Case("stratum year outside the period", "capture_history", "csv", "2024", utf8(CH + "\nIDN,2023,1,1,5\n"), 422,
                "YEAR_OUTSIDE_PERIOD", 2L, "year"));
        // --- incident, offender
        c.add(new Case("more dead than involved", "incident", "csv", "2024",
                utf8(INC + ",persons_involved,dead,missing\ni1,IDN-POLICE,IDN,2024-05-01,SEA_RESCUE,10,8,5\n"), 422, "SUM_EXCEEDS_TOTAL",
                2L, "persons_involved"));
        c.add(new Case("latitude without longitude", "incident", "csv", "2024",
                utf8(INC + ",latitude,longitude\ni1,IDN-POLICE,IDN,2024-05-01,SEA_RESCUE,-8.5,\n"), 422, "INCOMPLETE_PAIR", 2L, "longitude"));
        c.add(new Case("latitude beyond the pole", "incident", "csv", "2024",
                utf8(INC + ",latitude,longitude\ni1,IDN-POLICE,IDN,2024-05-01,SEA_RESCUE,95,120\n"), 422, "OUT_OF_RANGE", 2L, "latitude"));
        c.add(new Case("decimal comma", "incident", "csv", "2024",
                utf8(INC + ",latitude,longitude\ni1,IDN-POLICE,IDN,2024-05-01,SEA_RESCUE,\"-8,5\",120\n"), 422, "NOT_A_NUMBER", 2L, "latitude"));
        c.add(new Case("sentence before conviction", "offender", "csv", "2024",
                utf8("offender_record_id,source_id,reporting_country,cj_stage,stage_date,sentence_months\n"
                        + "o1,IDN-POLICE,IDN,SUSPECTED,2024-02-02,36\n"), 422, "NOT_APPLICABLE", 2L, "sentence_months"));
        return c.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void every_defect_gets_its_exact_status_and_report_entry(Case c) throws Exception {
        HttpResponse<String> r = server.post("/api/v1/submissions?country=IDN&source=IDN-POLICE&schemaVersion=1&recordType="
                + c.recordType() + "&period=" + c.period() + "&format=" + c.format(), c.body());
        assertEquals(c.status(), r.statusCode(), r.body());
        if (c.rule() != null) {
            JsonNode problem = JSON.readTree(r.body()).path("report").path("problems").get(0);
            assertEquals(c.rule(), problem.path("rule").asText(), r.body());
            if (c.row() == null) {
                assertTrue(problem.path("row").isNull(), r.body());
            } else {
                assertEquals(c.row().longValue(), problem.path("row").asLong(), r.body());
            }
            if (c.column() != null) {
                assertEquals(c.column(), problem.path("column").asText(), r.body());
            }
        }
        var registered = server.services.submissions().ids();
        for (String folder : new String[] {"staging", "raw"}) {
            Path dir = data.resolve(folder);
            if (Files.isDirectory(dir)) {
                try (var children = Files.list(dir)) {
                    children.forEach(child -> assertTrue(registered.contains(child.getFileName().toString())));
                }
            }
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private static byte[] zip() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("readme.txt"));
            z.write(utf8("not a workbook"));
            z.closeEntry();
        }
        return out.toByteArray();
    }

    private static byte[] workbook(String date) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var sheet = wb.createSheet("migrant");
            String[] head = {"record_id", "source_id", "reporting_country", "detection_date"};
            String[] row = {"r1", "IDN-POLICE", "IDN", date};
            Row h = sheet.createRow(0);
            Row r = sheet.createRow(1);
            for (int i = 0; i < head.length; i++) {
                h.createCell(i).setCellValue(head[i]);
                r.createCell(i).setCellValue(row[i]);
            }
            wb.write(out);
            return out.toByteArray();
        }
    }

    private static byte[] parquet() throws IOException {
        Path file = scratch.resolve("foreign-" + System.nanoTime() + ".parquet");
        Schema schema = SchemaBuilder.record("m").fields().requiredString("record_id").requiredString("source_id")
                .requiredString("reporting_country").requiredString("detection_date").requiredString("nationality").endRecord();
        try (ParquetWriter<GenericRecord> w = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                .withDataModel(GenericData.get()).withSchema(schema).withConf(new PlainParquetConfiguration()).build()) {
            GenericRecord r = new GenericData.Record(schema);
            r.put("record_id", "r1");
            r.put("source_id", "IDN-POLICE");
            r.put("reporting_country", "IDN");
            r.put("detection_date", "2024-03-07");
            r.put("nationality", "AFG");
            w.write(r);
        }
        return Files.readAllBytes(file);
    }
}
