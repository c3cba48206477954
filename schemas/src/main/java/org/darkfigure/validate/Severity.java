package org.darkfigure.validate;

/** An error refuses the submission; a warning lets it through and is kept in the report. */
public enum Severity {
    ERROR, WARNING
}
