package org.darkfigure.validate;

/**
 * The validation rules, by stable id. Clients may match on the name; the wording of messages
 * and hints lives here, in one place.
 */
public enum Rule {
    MANIFEST_INVALID(Severity.ERROR,
            "Correct the submission's declared metadata (country, source, record type, period, schema version)."),
    SOURCE_NOT_DECLARED(Severity.ERROR,
            "Use one of the sources your member state has declared (check the spelling); a new source is added to the "
                    + "state's national profile first, by the state or an admin. Nothing was stored."),
    FILE_EMPTY(Severity.ERROR, "The file has no bytes. Upload the exported file, with its header row."),
    FILE_UNREADABLE(Severity.ERROR,
            "The file cannot be read as the declared format (damaged, truncated or another format); export it again and check the format parameter."),
    CHECKSUM_MISMATCH(Severity.ERROR,
            "The file that arrived is not the one that was sent (its SHA-256 differs from the declared one): the upload was "
                    + "cut off or changed on the way. Upload it again."),
    NO_DATA_ROWS(Severity.ERROR,
            "The file has a header but no records. If the source detected nobody in the period, tell the programme instead of uploading."),
    ENCODING_NOT_UTF8(Severity.ERROR,
            "Save the file as UTF-8 (in Excel: Save As > CSV UTF-8). The value is shown with the undecodable bytes replaced."),
    HEADER_MISSING_COLUMN(Severity.ERROR, "Add the column to the header row; the template lists every column."),
    HEADER_UNKNOWN_COLUMN(Severity.ERROR,
            "Remove the column or rename it to a column of the standard; the template lists every column."),
    HEADER_DUPLICATE_COLUMN(Severity.ERROR, "Each column may appear once in the header row."),
    CLEAR_IDENTIFIER_COLUMN(Severity.ERROR,
            "Names, dates of birth and document numbers must never leave the member state: turn them into linkage keys with "
                    + "./darkfigure pseudonymise and upload its output."),
    HEADER_TOO_FEW_LISTS(Severity.ERROR,
            "A capture-history table needs one 0/1 column per list, named L_<source id>, for at least two lists."),
    MALFORMED_QUOTE(Severity.ERROR,
            "A quoted value must end with a quote followed by the delimiter or the end of the line; write a quote inside a quoted value as two quotes."),
    MALFORMED_RECORD(Severity.ERROR,
            "Each line of a JSON Lines file must be one JSON object whose values are text, numbers, true/false or null."),
    ROW_TOO_MANY_FIELDS(Severity.ERROR,
            "The row has more values than the header has columns. Quote values that contain the delimiter."),
    ROW_TOO_FEW_FIELDS(Severity.ERROR, "The row has fewer values than the header has columns."),
    FIELD_TOO_LARGE(Severity.ERROR, "A value or a row is far beyond any field of the standard; check the delimiter and quotes."),
    REQUIRED_MISSING(Severity.ERROR, "The column is required: fill in a value for every row."),
    NOT_AN_INTEGER(Severity.ERROR, "Write a whole number with digits only, e.g. 1994."),
    NOT_A_NUMBER(Severity.ERROR, "Write a decimal number with a point, e.g. -8.6500."),
    NOT_A_DATE(Severity.ERROR, "Write dates as YYYY-MM-DD, e.g. 2024-03-07."),
    CODE_NOT_IN_LIST(Severity.ERROR, "Use a code from the code list named in the codebook."),
    OUT_OF_RANGE(Severity.ERROR, "The value is outside the range the standard allows."),
    TOO_LONG(Severity.ERROR, "Shorten the value to the maximum length the standard allows."),
    PATTERN_MISMATCH(Severity.ERROR, "The value has characters the standard does not allow for this column."),
    ENCODING_OUTDATED(Severity.ERROR,
            "The value was made by an earlier version of ./darkfigure pseudonymise, whose name encoding an insider with a "
                    + "few hundred records in clear could read. Pseudonymise the clear file again with the current version "
                    + "(the same secret) and upload its output; nothing was stored."),
    FORMULA_LIKE_VALUE(Severity.WARNING,
            "The value starts like a spreadsheet formula (=, +, -, @). It is stored as text and neutralised in downloads; check it is what you meant."),
    CONTROL_CHARACTER(Severity.ERROR,
            "The value holds a control character (such as NUL) that no field allows; it is often left by a broken export. "
                    + "Remove it, or export the file again as plain UTF-8 text."),
    DUPLICATE_VALUE(Severity.ERROR, "The value must be unique within the file; give each record its own identifier."),
    DIFFERS_FROM_MANIFEST(Severity.ERROR,
            "Every row must carry the country and source declared for the submission; split files per country and source."),
    DATE_OUTSIDE_PERIOD(Severity.ERROR,
            "The date must lie inside the declared reporting period; submit other periods separately."),
    YEAR_AFTER_PERIOD(Severity.ERROR, "A birth year cannot lie after the reporting period."),
    YEAR_OUTSIDE_PERIOD(Severity.ERROR, "The year must lie inside the declared reporting period."),
    AGE_BAND_MISMATCH(Severity.ERROR, "The age band must agree with the birth year at the detection date; correct one of them."),
    SUM_EXCEEDS_TOTAL(Severity.ERROR, "The parts cannot add up to more than the total they belong to."),
    INCOMPLETE_PAIR(Severity.ERROR, "Give both values or neither."),
    NOT_APPLICABLE(Severity.ERROR, "This value only applies at certain stages; leave it empty otherwise."),
    LIST_VALUE_NOT_0_1(Severity.ERROR, "List columns hold 1 (on the list) or 0 (not on it)."),
    PATTERN_EMPTY(Severity.ERROR,
            "A capture pattern must have at least one 1: nobody can be counted on no list (the unseen are what is estimated)."),
    PATTERN_DUPLICATE(Severity.ERROR, "Each capture pattern may appear once per stratum; add the counts together.");

    private final Severity severity;
    private final String hint;

    Rule(Severity severity, String hint) {
        this.severity = severity;
        this.hint = hint;
    }

    public Severity severity() {
        return severity;
    }

    public String hint() {
        return hint;
    }
}
