package org.darkfigure.validate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A report's problems grouped by rule, errors first, the most frequent first (issue 18, item 10): what a
 * statistician fixes is a rule broken in 134 rows, not 134 lines. Each group carries its count over every row, the
 * columns its listed problems are in, its first problem as the example and the rule's hint. One grouping for the
 * upload page, the submission page and the API ({@link ValidationReport#groups()}).
 */
public record ProblemGroup(String rule, Severity severity, long count, String where, List<String> columns,
                           String example, String hint) {

    /**
     * Dates outside the declared period that all fall in one other year are most likely a period declared wrong:
     * say so before the rule's own hint.
     */
    static String periodHint(Rule rule, List<Problem> listed) {
        if (rule != Rule.DATE_OUTSIDE_PERIOD || listed.isEmpty()) {
            return "";
        }
        java.util.Set<String> years = new java.util.TreeSet<>();
        for (Problem p : listed) {
            String v = p.value() == null ? "" : p.value().strip();
            years.add(v.length() >= 4 && v.substring(0, 4).chars().allMatch(Character::isDigit) ? v.substring(0, 4) : "?");
        }
        if (years.size() != 1 || years.contains("?")) {
            return "";
        }
        String year = years.iterator().next();
        return (listed.size() == 1 ? "The date is in " + year : "All " + listed.size() + " dates listed are in " + year)
                + ": did you declare the wrong period? ";
    }

    public static List<ProblemGroup> of(ValidationReport report) {
        List<ProblemGroup> out = new ArrayList<>();
        for (Map.Entry<String, Long> e : report.countsByRule().entrySet()) {
            Rule rule;
            try {
                rule = Rule.valueOf(e.getKey());
            } catch (IllegalArgumentException unknown) {
                continue; // a rule of an older version of the standard: its problems are still listed one by one
            }
            List<Problem> listed = report.problems().stream().filter(p -> p.rule() == rule).toList();
            List<String> columns = listed.stream().map(Problem::column).filter(c -> c != null && !c.isEmpty()).distinct()
                    .sorted().toList();
            boolean header = !listed.isEmpty() && listed.stream().allMatch(p -> p.row() == null || p.row() == 0);
            String where = header ? "the header" : e.getValue() == 1 ? "1 row" : e.getValue() + " rows";
            out.add(new ProblemGroup(rule.name(), rule.severity(), e.getValue(), where, columns,
                    listed.isEmpty() ? "" : listed.get(0).message(), periodHint(rule, listed) + rule.hint()));
        }
        out.sort(Comparator.comparing((ProblemGroup g) -> g.severity() != Severity.ERROR)
                .thenComparing(Comparator.comparingLong(ProblemGroup::count).reversed())
                .thenComparing(ProblemGroup::rule));
        return out;
    }
}
