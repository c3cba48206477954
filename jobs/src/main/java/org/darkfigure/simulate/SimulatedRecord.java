package org.darkfigure.simulate;

import java.time.LocalDate;
import java.util.Map;

/**
 * One synthetic migrant record as a source would submit it: a subset of the migrant v1 columns, with
 * the linkage fields made by the pseudonymisation a member state runs; and, for evaluation only, the
 * id of the simulated person it belongs to.
 */
public record SimulatedRecord(String recordId, String sourceId, String country, LocalDate detectionDate,
                              Map<String, String> linkage, String sex, int birthYear, String citizenship,
                              String personId) {

    /** The migrant v1 columns the simulator fills, in the order of {@link #csvValues()}. */
    static final String[] COLUMNS = {"record_id", "source_id", "reporting_country", "detection_date", "linkage_key",
            "lk_name_bf", "lk_name_ph", "lk_dob_hash", "lk_dob_var", "lk_doc_hash", "lk_doc_bf", "sex", "birth_year",
            "citizenship"};

    public String linkageKey() {
        return linkage.get("linkage_key");
    }

    String[] csvValues() {
        return new String[] {recordId, sourceId, country, detectionDate.toString(), linkage.get("linkage_key"),
                linkage.get("lk_name_bf"), linkage.get("lk_name_ph"), linkage.get("lk_dob_hash"), linkage.get("lk_dob_var"),
                linkage.get("lk_doc_hash"),
                linkage.get("lk_doc_bf"), sex, Integer.toString(birthYear), citizenship};
    }
}
