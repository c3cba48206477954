package org.darkfigure.simulate;

import java.time.LocalDate;

/**
 * One synthetic offender record (offender v1): a suspected smuggler at one criminal-justice stage, as the
 * police (suspected, arrested) or the prosecution service (prosecuted, convicted) records it.
 * {@code incidentId} and {@code sentenceMonths} are null where they do not apply.
 */
public record SimulatedOffender(String offenderRecordId, String sourceId, String country, String agencyType,
                                String offenderKey, String nameBloomFilter, String sex, int birthYear,
                                String citizenship, String stage, LocalDate stageDate, String incidentId,
                                Integer sentenceMonths) {

    /** The offender v1 columns the simulator fills, in the order of {@link #csvValues()}. */
    static final String[] COLUMNS = {"offender_record_id", "source_id", "reporting_country", "agency_type", "offender_key",
            "lk_name_bf", "sex", "birth_year", "citizenship", "cj_stage", "stage_date", "offence_iccs", "incident_id",
            "sentence_months"};

    String[] csvValues() {
        return new String[] {offenderRecordId, sourceId, country, agencyType, offenderKey, nameBloomFilter, sex,
                Integer.toString(birthYear), citizenship, stage, stageDate.toString(), "08051", incidentId,
                sentenceMonths == null ? null : sentenceMonths.toString()};
    }
}
