package org.darkfigure.spark;

/** Columns the pipeline adds to the standard's records, shared by the stages (which never reach into each other). */
public final class Columns {

    /** The year a record counts for (of its detection or stage date): with the country, the stratum. */
    public static final String YEAR = "year";
    /** The submission a staged record came from. */
    public static final String SUBMISSION_ID = SparkSchema.SUBMISSION_ID;

    private Columns() {
    }
}
