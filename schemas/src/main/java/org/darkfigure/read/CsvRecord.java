package org.darkfigure.read;

import java.util.BitSet;

/**
 * One record of a CSV file. {@code number} counts records as a spreadsheet counts rows (the header
 * is 1). Values that were not valid UTF-8 are flagged in {@code badEncoding} and shown with
 * replacement characters. A structural defect (a broken quote, an oversized value) is named with
 * the 0-based column where it happened.
 */
public record CsvRecord(long number, String[] values, BitSet badEncoding, Defect defect, int defectColumn) {

    public enum Defect {
        NONE, UNTERMINATED_QUOTE, TEXT_AFTER_QUOTE, FIELD_TOO_LARGE, TOO_MANY_FIELDS
    }

    public int size() {
        return values.length;
    }
}
