package org.darkfigure.csv;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The one way the platform writes CSV for people (RFC 4180: CRLF rows, quotes doubled, a cell with a comma,
 * quote or line break quoted). Every text cell is neutralised against spreadsheet formula injection (OWASP's
 * rule: a cell that begins with = + - @ tab or carriage return gets a leading apostrophe), except plain
 * numbers, so that "-3.5" stays a number. Used by the published tables, the validation reports and (through
 * {@link #neutralise} as a Spark expression's function) the researcher downloads. Data files that programs
 * read back (simulated submissions, pseudonymised files) use {@link #writeDataRow}: the same quoting, no
 * neutralising.
 */
public final class CsvWriter {

    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

    private CsvWriter() {
    }

    /** Rows as CSV text; null cells are empty. */
    public static String text(List<? extends List<String>> rows) {
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(cell(row.get(i)));
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    /** One cell, neutralised and quoted as needed. */
    public static String cell(String value) {
        return quoted(neutralise(value));
    }

    /**
     * A cell of a data file that programs read back (submissions, pseudonymised files): quoted as needed and
     * otherwise as it is, since keyed linkage fields may begin with "-" and must not change.
     */
    public static String quoted(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }

    /** One row of a data file (LF-terminated, cells {@link #quoted}). */
    public static void writeDataRow(java.io.Writer out, List<String> values) throws java.io.IOException {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quoted(values.get(i)));
        }
        out.write('\n');
    }

    /** A value that a spreadsheet would run as a formula gets a leading apostrophe; numbers and null stay. */
    public static String neutralise(String value) {
        if (value == null || value.isEmpty() || "=+-@\t\r".indexOf(value.charAt(0)) < 0 || NUMBER.matcher(value).matches()) {
            return value;
        }
        return "'" + value;
    }

    /** Whether {@link #neutralise} would change the value. */
    public static boolean formulaLike(String value) {
        return value != null && !value.equals(neutralise(value));
    }
}
