package org.darkfigure.registry;

/** Where a submission stands. */
public enum SubmissionStatus {
    /** The current data of its slice (country, source, record type, period). */
    ACCEPTED,
    /** Replaced by a later accepted revision of the same slice; kept for history. */
    SUPERSEDED,
    /** Refused by validation: only the report and the facts of the attempt are kept, never the data. */
    REFUSED
}
