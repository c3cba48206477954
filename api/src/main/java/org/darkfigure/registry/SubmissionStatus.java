package org.darkfigure.registry;

/** Where a registered submission stands. Refused uploads are never registered. */
public enum SubmissionStatus {
    /** The current data of its slice (country, source, record type, period). */
    ACCEPTED,
    /** Replaced by a later accepted revision of the same slice; kept for history. */
    SUPERSEDED
}
