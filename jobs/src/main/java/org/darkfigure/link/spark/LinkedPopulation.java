package org.darkfigure.link.spark;

import java.util.List;

/**
 * A population the pipeline links into persons and estimates: its record type, the column that holds its
 * keyed identity, its record id and date columns, the folder of its persons in a release, and which records are
 * captures (a column and the values that make a record one; null: every record).
 *
 * <p>Smugglers: only detections are captures (criminal-justice stage {@code SUSPECTED}: a police investigation, an
 * interception, a migrant's testimony naming a facilitator). Arrests, prosecutions and convictions follow from an
 * earlier detection, so a list of them is drawn from the detection lists and says nothing about who was never
 * detected (issue 15: the prosecution's list lies inside the police's); they are counted in the justice funnel of the
 * detections tables instead.
 */
public record LinkedPopulation(String recordType, String keyColumn, String recordIdColumn, String dateColumn,
                               String personsFolder, String captureColumn, List<String> captureValues) {

    /** Smuggled migrants and smugglers (offenders). */
    public static final List<LinkedPopulation> ALL = List.of(
            new LinkedPopulation("migrant", "linkage_key", "record_id", "detection_date", "persons", null, List.of()),
            new LinkedPopulation("offender", "offender_key", "offender_record_id", "stage_date", "offenders", "cj_stage",
                    List.of("SUSPECTED")));

    public LinkedPopulation {
        captureValues = List.copyOf(captureValues);
    }

    /** The records that are captures of this population. */
    public org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> captures(
            org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> records) {
        return captureColumn == null ? records
                : records.filter(records.col(captureColumn).isin(captureValues.toArray()));
    }

    /** Which person each of its records is (rows of {@link LinkStage#MEMBERSHIPS}), inside a release folder. */
    public String memberships() {
        return "linked/" + recordType + "_memberships";
    }

    /** Where its persons are, inside a release folder. */
    public String persons() {
        return "linked/" + personsFolder;
    }
}
