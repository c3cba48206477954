package org.darkfigure.standard;

import java.util.regex.Pattern;

/**
 * A record type whose columns include one 0/1 column per list, named prefix + source id
 * (the aggregated capture-history table). Staged as two system columns: {@code lists} (the source
 * ids in header order) and {@code pattern} (the 0/1 string).
 */
public record ListColumns(String prefix, int min, int max, Pattern pattern, String description) {

    public static final String LISTS = "lists";
    public static final String PATTERN = "pattern";

    public boolean matches(String column) {
        return column.startsWith(prefix) && pattern.matcher(column.substring(prefix.length())).matches();
    }
}
