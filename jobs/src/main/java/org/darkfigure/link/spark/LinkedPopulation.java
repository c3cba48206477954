package org.darkfigure.link.spark;

import java.util.List;

/**
 * A population the pipeline links into persons and estimates: its record type, the column that holds its
 * keyed identity, its record id and date columns, and the folder of its persons in a release.
 */
public record LinkedPopulation(String recordType, String keyColumn, String recordIdColumn, String dateColumn,
                               String personsFolder) {

    /** Smuggled migrants and smugglers (offenders). */
    public static final List<LinkedPopulation> ALL = List.of(
            new LinkedPopulation("migrant", "linkage_key", "record_id", "detection_date", "persons"),
            new LinkedPopulation("offender", "offender_key", "offender_record_id", "stage_date", "offenders"));

    /** Where its persons are, inside a release folder. */
    public String persons() {
        return "linked/" + personsFolder;
    }
}
