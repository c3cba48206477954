package org.darkfigure.link;

import java.io.Serializable;

/**
 * What linkage compares of one record: pseudonymised identity fields (made at the member state),
 * quasi-identifiers, and when and by whom it was recorded. Any field may be missing (null, or -1 for
 * numbers). Bloom encodings are kept as 64-bit words, the form compared millions of times; the date of birth's
 * variant hashes ({@code lk_dob_var}) as their parts, null where a part is missing. The record's key across
 * submissions ({@code recordKey}: submission id and the source's record id) is not compared; it travels with the record
 * so that persons, memberships and pairs are written where the stratum is (issue 20), null where the input has none.
 */
public record LinkRecord(long id, String stratum, String source, String linkageKey, long[] name, String namePhonetic,
                         String dobHash, String[] dobVariants, String docHash, long[] doc, int birthYear, String sex,
                         String citizenship, int detectionDay, String incident, String recordKey)
        implements Serializable {

    /**
     * The parts of an {@code lk_dob_var} value (year-unordered-day-month, month-day, year-month, year-day; a value
     * written before the last part existed has three), null where a part is empty; null if the value is empty.
     */
    public static String[] variants(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        String[] parts = value.split("\\.", -1);
        String[] out = new String[4];
        for (int i = 0; i < Math.min(4, parts.length); i++) {
            out[i] = parts[i].isEmpty() ? null : parts[i];
        }
        return out;
    }
}
