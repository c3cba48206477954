package org.darkfigure.link;

import java.util.Map;
import org.darkfigure.pseudonymise.BloomEncoding;
import org.darkfigure.pseudonymise.Pseudonymiser;

/** Records of tests that hold a pseudonymised name only (its encoding, sound and linkage key), as linkage reads them. */
final class NameRecords {

    private NameRecords() {
    }

    static LinkRecord of(Pseudonymiser pseudonymiser, String given, String family) {
        Map<String, String> e = pseudonymiser.encode(given, family, null, null, null);
        return new LinkRecord(0, "", "S", e.get("linkage_key"), BloomEncoding.words(e.get("lk_name_bf")),
                e.get("lk_name_ph"), null, null, null, null, -1, null, null, -1, null, null);
    }
}
