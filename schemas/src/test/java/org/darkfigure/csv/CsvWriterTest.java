package org.darkfigure.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 4180 quoting and OWASP's CSV-injection rule, cell by cell. */
class CsvWriterTest {

    @Test
    void formula_like_cells_are_neutralised_and_numbers_are_not() {
        assertEquals("'=HYPERLINK(1)", CsvWriter.neutralise("=HYPERLINK(1)"));
        assertEquals("'+1+1", CsvWriter.neutralise("+1+1"));
        assertEquals("'@SUM(A1)", CsvWriter.neutralise("@SUM(A1)"));
        assertEquals("'-2+3", CsvWriter.neutralise("-2+3"));
        assertEquals("'\tx", CsvWriter.neutralise("\tx"));
        assertEquals("-3.5", CsvWriter.neutralise("-3.5"));
        assertEquals("+12", CsvWriter.neutralise("+12"));
        assertEquals("-1e-3", CsvWriter.neutralise("-1e-3"));
        assertEquals("plain", CsvWriter.neutralise("plain"));
    }

    @Test
    void quotes_commas_quotes_and_line_breaks() {
        assertEquals("a,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\",,\"'=1,2\"\r\n",
                CsvWriter.text(List.of(Arrays.asList("a", "b,c", "say \"hi\"", "two\nlines", null, "=1,2"))));
    }
}
