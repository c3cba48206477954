package org.darkfigure.read;

import java.util.BitSet;

/**
 * One record of an uploaded file, whatever its format, as text values in the file's column order
 * (the first record is the header). {@code number} counts records as a spreadsheet counts rows
 * (the header is 1; a JSON Lines file's line number). Values that were not valid UTF-8 are flagged
 * in {@code badEncoding} and shown with replacement characters. A structural defect (a broken
 * quote, an oversized value, a line that is not a JSON object) is named with the 0-based column
 * where it happened.
 */
public record RawRecord(long number, String[] values, BitSet badEncoding, Defect defect, int defectColumn,
                        String detail) {

    /** The {@code badEncoding} of the records that have none, shared by them all: callers only read it. */
    public static final BitSet NO_BAD_ENCODING = new BitSet(0);

    public RawRecord(long number, String[] values, BitSet badEncoding, Defect defect, int defectColumn) {
        this(number, values, badEncoding, defect, defectColumn, null);
    }

    public static RawRecord broken(long number, Defect defect, String detail) {
        return new RawRecord(number, new String[0], new BitSet(), defect, -1, detail);
    }

    public enum Defect {
        NONE, UNTERMINATED_QUOTE, TEXT_AFTER_QUOTE, FIELD_TOO_LARGE, TOO_MANY_FIELDS,
        /** Not a record at all (a JSON line that is not an object, an undecodable line); detail says why. */
        NOT_A_RECORD,
        /** A value is not a scalar (a nested JSON object or array); detail names the field. */
        NESTED_VALUE,
        /** A field that is not in the header (a JSON key first seen after line 1); detail names it. */
        UNKNOWN_FIELD
    }

    public int size() {
        return values.length;
    }
}
