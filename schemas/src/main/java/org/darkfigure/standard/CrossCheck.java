package org.darkfigure.standard;

import java.util.List;

/**
 * A rule across fields of one record, declared in the schema by kind and the fields it applies to.
 * The kinds and their meaning:
 * <ul>
 *   <li>AGE_BAND_MATCHES_BIRTH_YEAR [birth_year, age_band, date]: the age at the date fits the band (±1 year,
 *       since only the birth year is known);</li>
 *   <li>SUM_NOT_GREATER [a, b, ..., total]: a + b + ... <= total, where all are given;</li>
 *   <li>BOTH_OR_NEITHER [a, b]: both given or both empty;</li>
 *   <li>ONLY_WHEN [field, condition] with values: field only given when condition is one of values;</li>
 *   <li>PATTERN_NOT_EMPTY []: a capture pattern has at least one list;</li>
 *   <li>PATTERN_UNIQUE_IN_STRATUM [stratum fields]: a pattern appears once per stratum.</li>
 * </ul>
 */
public record CrossCheck(Kind kind, List<String> fields, List<String> values) {

    public enum Kind {
        AGE_BAND_MATCHES_BIRTH_YEAR, SUM_NOT_GREATER, BOTH_OR_NEITHER, ONLY_WHEN, PATTERN_NOT_EMPTY,
        PATTERN_UNIQUE_IN_STRATUM
    }

    public CrossCheck {
        fields = List.copyOf(fields);
        values = List.copyOf(values);
        int needed = switch (kind) {
            case AGE_BAND_MATCHES_BIRTH_YEAR -> 3;
            case SUM_NOT_GREATER, BOTH_OR_NEITHER, ONLY_WHEN -> 2;
            case PATTERN_NOT_EMPTY, PATTERN_UNIQUE_IN_STRATUM -> 0;
        };
        if (fields.size() < needed) {
            throw new IllegalArgumentException(kind + " needs at least " + needed + " fields: " + fields);
        }
    }
}
