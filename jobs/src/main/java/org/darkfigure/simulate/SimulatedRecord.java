package org.darkfigure.simulate;

import java.time.LocalDate;

/** One synthetic migrant record as a source would submit it (a subset of the migrant v1 columns). */
public record SimulatedRecord(String recordId, String sourceId, String country, LocalDate detectionDate,
                              String linkageKey, String sex, int birthYear, String citizenship) {

    /** The migrant v1 columns the simulator fills, in the order of {@link #csvValues()}. */
    static final String[] COLUMNS = {"record_id", "source_id", "reporting_country", "detection_date", "linkage_key",
            "sex", "birth_year", "citizenship"};

    String[] csvValues() {
        return new String[] {recordId, sourceId, country, detectionDate.toString(), linkageKey, sex,
                Integer.toString(birthYear), citizenship};
    }
}
