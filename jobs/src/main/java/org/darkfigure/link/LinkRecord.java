package org.darkfigure.link;

import java.io.Serializable;
import java.util.BitSet;

/**
 * What linkage compares of one record: pseudonymised identity fields (made at the member state),
 * quasi-identifiers, and when and by whom it was recorded. Any field may be missing (null, or -1 for
 * numbers).
 */
public record LinkRecord(long id, String stratum, String source, String linkageKey, BitSet name, String dobHash,
                         BitSet dob, String docHash, BitSet doc, int birthYear, String sex, String citizenship,
                         int detectionDay, String incident) implements Serializable {
}
