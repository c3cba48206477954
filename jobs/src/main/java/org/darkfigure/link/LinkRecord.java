package org.darkfigure.link;

import java.io.Serializable;

/**
 * What linkage compares of one record: pseudonymised identity fields (made at the member state),
 * quasi-identifiers, and when and by whom it was recorded. Any field may be missing (null, or -1 for
 * numbers). Bloom encodings are kept as 64-bit words, the form compared millions of times.
 */
public record LinkRecord(long id, String stratum, String source, String linkageKey, long[] name, String dobHash,
                         long[] dob, String docHash, long[] doc, int birthYear, String sex, String citizenship,
                         int detectionDay, String incident) implements Serializable {
}
