package org.darkfigure.read;

import java.util.BitSet;

/**
 * One record of an uploaded file, whatever its format, as text values in the file's column order
 * (the first record is the header). {@code number} counts records as a spreadsheet counts rows
 * (the header is 1; a JSON Lines file's line number). Values that were not valid UTF-8 are flagged
 * in {@code badEncoding} and shown with replacement characters. A structural defect (a broken
 * quote, an oversized value, a line that is not a JSON object) is named with the 0-based column
 * where it happened. {@code controlFree} is true when the reader saw every byte of the record and none was a
 * control character other than tab and line breaks, so that validation need not look for one again (a scan of
 * every value, on the validating thread of a 10M-row upload); false when it does not know.
 */
public record RawRecord(long number, String[] values, BitSet badEncoding, Defect defect, int defectColumn,
                        String detail, boolean controlFree) {

    /** The {@code badEncoding} of the records that have none, shared by them all: callers only read it. */
    public static final BitSet NO_BAD_ENCODING = new BitSet(0);

    public RawRecord(long number, String[] values, BitSet badEncoding, Defect defect, int defectColumn) {
        this(number, values, badEncoding, defect, defectColumn, null, false);
    }

    public RawRecord(long number, String[] values, BitSet badEncoding, Defect defect, int defectColumn,
                     String detail) {
        this(number, values, badEncoding, defect, defectColumn, detail, false);
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
