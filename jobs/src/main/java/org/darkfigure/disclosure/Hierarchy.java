package org.darkfigure.disclosure;

import java.io.Serializable;
import java.util.Map;

/**
 * How one quasi-identifier is coarsened, level by level: level 0 is the most detailed form that is ever
 * released, {@link #top()} the coarsest. Unknown (null) stays unknown at every level. The steps follow
 * STANDARDS.md section 8: citizenship to M49 sub-region to region, date to quarter to year, age band to
 * minor/adult.
 */
public sealed interface Hierarchy extends Serializable {

    /** What a value is replaced by when nothing of it may be told. */
    String HIDDEN = "*";

    String column();

    int top();

    String generalise(String value, int level);

    /** The form of the values at a level, in words, for the dataset's description. */
    String describe(int level);

    /** Never coarsened (the strata): only whole records can be withheld. */
    record Kept(String column) implements Hierarchy {
        public int top() {
            return 0;
        }

        public String generalise(String value, int level) {
            return value;
        }

        public String describe(int level) {
            return "as recorded";
        }
    }

    /** A date (YYYY-MM-DD): month, quarter, year; the day is never released. */
    record Period(String column) implements Hierarchy {
        public int top() {
            return 2;
        }

        public String generalise(String value, int level) {
            if (value == null || value.length() < 7) {
                return value;
            }
            return switch (level) {
                case 0 -> value.substring(0, 7);
                case 1 -> value.substring(0, 4) + "-Q" + ((Integer.parseInt(value.substring(5, 7)) + 2) / 3);
                default -> value.substring(0, 4);
            };
        }

        public String describe(int level) {
            return switch (level) {
                case 0 -> "month (YYYY-MM)";
                case 1 -> "quarter (YYYY-Qn)";
                default -> "year (YYYY)";
            };
        }
    }

    /** An ISO 3166 alpha-3 country: itself, its M49 sub-region, its M49 region, hidden. */
    record Country(String column) implements Hierarchy {
        public int top() {
            return 3;
        }

        public String generalise(String value, int level) {
            if (value == null || level == 0) {
                return value;
            }
            if (level == 3) {
                return HIDDEN;
            }
            M49Regions m49 = M49Regions.builtIn();
            // Codes outside M49 (stateless, unknown) say nothing about a region: "UNK" stays, rare ones hide.
            return (level == 1 ? m49.subRegion(value) : m49.region(value)).orElse("UNK".equals(value) ? value : HIDDEN);
        }

        public String describe(int level) {
            return switch (level) {
                case 0 -> "ISO 3166 alpha-3 code";
                case 1 -> "UN M49 sub-region";
                case 2 -> "UN M49 region";
                default -> "withheld (*)";
            };
        }
    }

    /** An age band of the standard's code list: itself, minor (Y0T17) or adult (Y18T_MAX), hidden. */
    record AgeBand(String column, Map<String, int[]> ranges) implements Hierarchy {
        public AgeBand {
            ranges = Map.copyOf(ranges);
        }

        public int top() {
            return 2;
        }

        public String generalise(String value, int level) {
            if (value == null || level == 0) {
                return value;
            }
            if (level == 2) {
                return HIDDEN;
            }
            int[] range = ranges.get(value);
            return range == null ? value : range[1] <= 17 ? "Y0T17" : "Y18T_MAX";
        }

        public String describe(int level) {
            return switch (level) {
                case 0 -> "age band";
                case 1 -> "minor (Y0T17) or adult (Y18T_MAX)";
                default -> "withheld (*)";
            };
        }

        /** The band of an age, or null when no band holds it. */
        public String bandOf(int age) {
            return ranges.entrySet().stream().filter(e -> age >= e.getValue()[0] && age <= e.getValue()[1])
                    .map(Map.Entry::getKey).findFirst().orElse(null);
        }
    }

    /** Any other category: itself or hidden. */
    record Category(String column) implements Hierarchy {
        public int top() {
            return 1;
        }

        public String generalise(String value, int level) {
            return value == null || level == 0 ? value : HIDDEN;
        }

        public String describe(int level) {
            return level == 0 ? "as recorded" : "withheld (*)";
        }
    }
}
