package org.darkfigure.validate;

/**
 * One finding about a submission. {@code row} is the record number as a spreadsheet shows it
 * (the header is row 1, the first record row 2); null for findings about the whole file or its
 * declared metadata. {@code column} is the column name (or manifest attribute), null when none.
 */
public record Problem(Long row, String column, String value, Rule rule, Severity severity, String message,
                      String hint) {

    public static Problem of(Long row, String column, String value, Rule rule, String message) {
        return new Problem(row, column, value, rule, rule.severity(), message, rule.hint());
    }

    public static Problem ofFile(Rule rule, String message) {
        return of(null, null, null, rule, message);
    }
}
