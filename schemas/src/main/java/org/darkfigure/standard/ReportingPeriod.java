package org.darkfigure.standard;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference period a submission covers, written as SDMX writes periods: {@code 2024} (a year),
 * {@code 2024-Q1} (a quarter) or {@code 2024-03} (a month).
 */
public record ReportingPeriod(String code, LocalDate start, LocalDate end) {

    private static final Pattern YEAR = Pattern.compile("(\\d{4})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(0[1-9]|1[0-2])");

    public static final String EXPECTED = "a year (2024), a quarter (2024-Q1) or a month (2024-03)";

    /** The period, or empty when the text is none of the three forms. */
    public static Optional<ReportingPeriod> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m;
        if ((m = YEAR.matcher(text)).matches()) {
            int year = Integer.parseInt(m.group(1));
            return Optional.of(new ReportingPeriod(text, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31)));
        }
        if ((m = QUARTER.matcher(text)).matches()) {
            int year = Integer.parseInt(m.group(1));
            int quarter = Integer.parseInt(m.group(2));
            YearMonth first = YearMonth.of(year, 3 * quarter - 2);
            return Optional.of(new ReportingPeriod(text, first.atDay(1), first.plusMonths(2).atEndOfMonth()));
        }
        if ((m = MONTH.matcher(text)).matches()) {
            YearMonth month = YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            return Optional.of(new ReportingPeriod(text, month.atDay(1), month.atEndOfMonth()));
        }
        return Optional.empty();
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(start) && !date.isAfter(end);
    }

    @Override
    public String toString() {
        return code;
    }
}
