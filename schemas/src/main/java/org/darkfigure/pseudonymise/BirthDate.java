package org.darkfigure.pseudonymise;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * A date of birth as registers hold it (issue 16): a full date, or known only to the month or the year. Registers
 * write an unknown day or month as a placeholder, so 1 January is taken as "year only" and the 1st of another month
 * as "month only" (a person truly born on such a day loses that precision, which costs little: the name, sex,
 * citizenship and document still decide); "1985", "1985-00-00" and "1985-07-00" say so themselves.
 */
public record BirthDate(int year, int month, int day, Precision precision) {

    public enum Precision { DAY, MONTH, YEAR }

    /**
     * YYYY-MM-DD, YYYYMMDD, YYYY-MM, YYYY, with 00 for an unknown month or day; null when absent or not a date
     * (2 February 30th is an error, not a placeholder).
     */
    public static BirthDate parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim();
        String digits;
        if (t.matches("\\d{4}-\\d{2}-\\d{2}") || t.matches("\\d{4}-\\d{2}")) {
            digits = t.replace("-", "");
        } else if (t.matches("\\d{8}") || t.matches("\\d{4}")) {
            digits = t;
        } else {
            return null;
        }
        int year = Integer.parseInt(digits.substring(0, 4));
        int month = digits.length() >= 6 ? Integer.parseInt(digits.substring(4, 6)) : 0;
        int day = digits.length() == 8 ? Integer.parseInt(digits.substring(6, 8)) : 0;
        if (year < 1 || month > 12 || (month == 0 && day != 0)) {
            return null;
        }
        if (month == 0) {
            return new BirthDate(year, 0, 0, Precision.YEAR);
        }
        if (day == 0) {
            return new BirthDate(year, month, 0, Precision.MONTH);
        }
        try {
            LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null;
        }
        if (day == 1) {
            return month == 1 ? new BirthDate(year, 0, 0, Precision.YEAR) : new BirthDate(year, month, 0, Precision.MONTH);
        }
        return new BirthDate(year, month, day, Precision.DAY);
    }

    /** The full date; only for {@link Precision#DAY}. */
    public LocalDate date() {
        if (precision != Precision.DAY) {
            throw new IllegalStateException("a date of birth known only to the " + precision.name().toLowerCase(java.util.Locale.ROOT));
        }
        return LocalDate.of(year, month, day);
    }
}
