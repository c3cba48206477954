package org.darkfigure.standard;

/** What a field is for, which decides how it may be released (see STANDARDS.md section 4). */
public enum Role {
    /** Linkage key, encoded at the member state; never released. */
    LK,
    /** Quasi-identifier; limits microdata release. */
    QI,
    /** Stratification variable for estimates and published tables. */
    ST,
    /** Sensitive attribute; never in public microdata. */
    S
}
