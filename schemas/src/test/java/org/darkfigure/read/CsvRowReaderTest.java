package org.darkfigure.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRowReaderTest {

    private static List<RawRecord> read(byte[] bytes) throws IOException {
        List<RawRecord> out = new ArrayList<>();
        try (CsvRowReader reader = new CsvRowReader(new ByteArrayInputStream(bytes), ',')) {
            for (RawRecord r; (r = reader.next()) != null; ) {
                out.add(r);
            }
        }
        return out;
    }

    private static List<RawRecord> read(String text) throws IOException {
        return read(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void reads_quoted_values_with_delimiters_quotes_and_newlines() throws IOException {
        List<RawRecord> rows = read("a,b,c\r\n\"x,1\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n");
        assertEquals(2, rows.size());
        assertArrayEquals(new String[] {"x,1", "say \"hi\"", "two\nlines"}, rows.get(1).values());
        assertEquals(2, rows.get(1).number());
    }

    /**
     * A record is marked free of control characters exactly when none of its values holds one other than tab and line
     * breaks (the validator then skips its own scan): every byte 0x00-0xff, unquoted, quoted, and in a value longer
     * than the reader's buffer stretch.
     */
    @Test
    void control_free_says_exactly_whether_a_value_holds_a_control_character() throws IOException {
        for (int b = 0; b < 256; b++) {
            if (b == ',' || b == '"' || b == '\n' || b == '\r') {
                continue;
            }
            boolean control = (b < 0x20 && b != '\t') || b == 0x7f;
            for (String shape : new String[] {"x%sy", "\"x%sy\"", "%s", "\"x,%s\"", "x".repeat(100) + "%s"}) {
                byte[] value = String.format(shape, "\u0000").getBytes(StandardCharsets.ISO_8859_1);
                for (int k = 0; k < value.length; k++) {
                    if (value[k] == 0) {
                        value[k] = (byte) b;
                    }
                }
                java.io.ByteArrayOutputStream csv = new java.io.ByteArrayOutputStream();
                csv.writeBytes("a,b\nplain,".getBytes(StandardCharsets.ISO_8859_1));
                csv.writeBytes(value);
                csv.writeBytes("\nplain,plain\n".getBytes(StandardCharsets.ISO_8859_1));
                List<RawRecord> rows = read(csv.toByteArray());
                String at = "byte 0x" + Integer.toHexString(b) + " in " + shape;
                assertEquals(!control, rows.get(1).controlFree(), at);
                assertTrue(rows.get(2).controlFree(), "the next record starts afresh: " + at);
            }
        }
    }

    @Test
    void skips_byte_order_mark_and_blank_lines_but_counts_them() throws IOException {
        List<RawRecord> rows = read("\uFEFFa,b\n\n1,2\n");
        assertArrayEquals(new String[] {"a", "b"}, rows.get(0).values());
        assertEquals(3, rows.get(1).number(), "the blank line is row 2, as a spreadsheet shows it");
    }

    @Test
    void last_line_without_newline_and_empty_trailing_value_are_kept() throws IOException {
        List<RawRecord> rows = read("a,b\n1,");
        assertArrayEquals(new String[] {"1", ""}, rows.get(1).values());
    }

    @Test
    void invalid_utf8_is_flagged_at_its_row_and_column() throws IOException {
        byte[] bytes = "a,b\n1,2\n3,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        List<RawRecord> rows = read(bytes);
        assertTrue(rows.get(1).badEncoding().isEmpty());
        assertTrue(rows.get(2).badEncoding().get(1));
        assertEquals(3, rows.get(2).number());
    }

    @Test
    void broken_quotes_are_defects_not_exceptions() throws IOException {
        RawRecord after = read("\"ab\"c,d\n").get(0);
        assertEquals(RawRecord.Defect.TEXT_AFTER_QUOTE, after.defect());
        assertEquals(0, after.defectColumn());
        RawRecord open = read("x,\"never closed\n").get(0);
        assertEquals(RawRecord.Defect.UNTERMINATED_QUOTE, open.defect());
        assertEquals(1, open.defectColumn());
    }

    @Test
    void memory_stays_bounded_for_absurd_rows() throws IOException {
        String wide = ",".repeat(2_000_000);
        RawRecord row = read(wide).get(0);
        assertEquals(RawRecord.Defect.TOO_MANY_FIELDS, row.defect());
        assertEquals(CsvRowReader.DEFAULT_MAX_FIELDS, row.size());
        RawRecord longValue = read("x".repeat(200_000)).get(0);
        assertEquals(RawRecord.Defect.FIELD_TOO_LARGE, longValue.defect());
    }

    @Test
    void empty_input_has_no_records() throws IOException {
        assertTrue(read("").isEmpty());
    }

    @Test
    void works_when_the_stream_hands_over_one_byte_at_a_time() throws IOException {
        InputStream trickle = new FilterInputStream(new ByteArrayInputStream("\uFEFFa,b\r\n1,2".getBytes(StandardCharsets.UTF_8))) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(1, len));
            }
        };
        try (CsvRowReader reader = new CsvRowReader(trickle, ',')) {
            assertArrayEquals(new String[] {"a", "b"}, reader.next().values());
            assertArrayEquals(new String[] {"1", "2"}, reader.next().values());
            assertNull(reader.next());
        }
    }

    /**
     * Unquoted values are copied from the read buffer a stretch at a time; a stream that hands over one byte per read
     * leaves no stretch longer than one byte, so it reads as the byte-at-a-time path always did. Both must give the
     * same records for any input: quotes, delimiters, every line end, bytes >= 0x80 (valid UTF-8 or not) and values
     * beyond the byte limit (8 here), at every position.
     */
    @Test
    void copying_stretches_of_a_value_reads_as_byte_at_a_time() throws IOException {
        byte[][] pieces = {"a".getBytes(StandardCharsets.UTF_8), "bc".getBytes(StandardCharsets.UTF_8),
                "\u00e9".getBytes(StandardCharsets.UTF_8), {(byte) 0xff}, {','}, {'"'}, {'\n'}, {'\r'}, {' '},
                "\"x,\"\"y\"".getBytes(StandardCharsets.UTF_8), "123456789".getBytes(StandardCharsets.UTF_8)};
        java.util.SplittableRandom random = new java.util.SplittableRandom(16);
        for (int trial = 0; trial < 2_000; trial++) {
            java.io.ByteArrayOutputStream input = new java.io.ByteArrayOutputStream();
            int length = 1 + random.nextInt(40);
            for (int i = 0; i < length; i++) {
                input.writeBytes(pieces[random.nextInt(pieces.length)]);
            }
            byte[] bytes = input.toByteArray();
            List<String> whole = describe(new ByteArrayInputStream(bytes));
            List<String> trickled = describe(new FilterInputStream(new ByteArrayInputStream(bytes)) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return super.read(b, off, Math.min(1, len));
                }
            });
            assertEquals(trickled, whole, () -> "input " + java.util.Arrays.toString(bytes));
        }
    }

    private static List<String> describe(InputStream in) throws IOException {
        List<String> out = new ArrayList<>();
        try (CsvRowReader reader = new CsvRowReader(in, ',', 6, 8)) {
            for (RawRecord r; (r = reader.next()) != null; ) {
                out.add(r.number() + " " + java.util.Arrays.toString(r.values()) + " " + r.badEncoding() + " "
                        + r.defect() + " " + r.defectColumn());
            }
        }
        return out;
    }
}
