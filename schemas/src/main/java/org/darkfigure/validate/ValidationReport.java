package org.darkfigure.validate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What validation found in one submission: counts per rule and per column over every row, and the
 * first problems in full detail. Accepted when there is no error.
 */
public record ValidationReport(long rowsRead, long errors, long warnings, Map<String, Long> countsByRule,
                               Map<String, Long> countsByColumn, List<Problem> problems, boolean truncated,
                               int detailLimit) {

    public static final int DEFAULT_DETAIL_LIMIT = 1000;

    public ValidationReport {
        countsByRule = Collections.unmodifiableMap(new TreeMap<>(countsByRule));
        countsByColumn = Collections.unmodifiableMap(new TreeMap<>(countsByColumn));
        problems = List.copyOf(problems);
    }

    public boolean accepted() {
        return errors == 0;
    }

    /** The problems grouped by rule, errors first ({@link ProblemGroup}); written to JSON, ignored when read back. */
    @com.fasterxml.jackson.annotation.JsonProperty(value = "groups",
            access = com.fasterxml.jackson.annotation.JsonProperty.Access.READ_ONLY)
    public List<ProblemGroup> groups() {
        return ProblemGroup.of(this);
    }

    public static Collector collector() {
        return new Collector(DEFAULT_DETAIL_LIMIT);
    }

    public static Collector collector(int detailLimit) {
        return new Collector(detailLimit);
    }

    /** Accumulates problems in bounded memory: counts always, details up to the limit. */
    public static final class Collector {
        private final int detailLimit;
        private final List<Problem> problems = new ArrayList<>();
        private final Map<String, Long> byRule = new TreeMap<>();
        private final Map<String, Long> byColumn = new TreeMap<>();
        private long errors;
        private long warnings;
        private long rowsRead;
        private boolean truncated;

        private Collector(int detailLimit) {
            if (detailLimit < 0) {
                throw new IllegalArgumentException("detailLimit is negative: " + detailLimit);
            }
            this.detailLimit = detailLimit;
        }

        public void add(Problem problem) {
            if (problem.severity() == Severity.ERROR) {
                errors++;
            } else {
                warnings++;
            }
            byRule.merge(problem.rule().name(), 1L, Long::sum);
            if (problem.column() != null) {
                byColumn.merge(problem.column(), 1L, Long::sum);
            }
            if (problems.size() < detailLimit) {
                problems.add(problem);
            } else {
                truncated = true;
            }
        }

        public void rowsRead(long rows) {
            this.rowsRead = rows;
        }

        public long errors() {
            return errors;
        }

        public ValidationReport build() {
            return new ValidationReport(rowsRead, errors, warnings, byRule, byColumn, problems, truncated,
                    detailLimit);
        }
    }
}
