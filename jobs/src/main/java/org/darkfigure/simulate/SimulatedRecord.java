package org.darkfigure.simulate;

import java.time.LocalDate;

/** One synthetic migrant record as a source would submit it (the migrant v1 columns). */
public record SimulatedRecord(String recordId, String sourceId, String country, LocalDate detectionDate,
                              String linkageKey, String sex, int birthYear, String citizenship) {

    String[] csvValues() {
        return new String[] {recordId, sourceId, country, detectionDate.toString(), linkageKey, sex,
                Integer.toString(birthYear), citizenship};
    }
}
