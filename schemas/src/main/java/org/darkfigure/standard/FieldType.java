package org.darkfigure.standard;

/** The value types a field of the standard can have; each maps to one Parquet/Spark type. */
public enum FieldType {
    /** Free text within the field's length and pattern limits. */
    STRING,
    /** A whole number within the field's range. */
    INTEGER,
    /** A decimal number within the field's range (e.g. coordinates). */
    DECIMAL,
    /** An ISO 8601 calendar date, YYYY-MM-DD. */
    DATE,
    /** A value from a named code list. */
    CODE
}
