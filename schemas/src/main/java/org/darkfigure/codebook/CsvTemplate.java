package org.darkfigure.codebook;

import java.util.ArrayList;
import java.util.List;
import org.darkfigure.standard.RecordType;

/** The CSV template of a record type: its header row (with two example list columns for a capture-history table). */
public final class CsvTemplate {

    private CsvTemplate() {
    }

    public static List<String> columns(RecordType type) {
        List<String> columns = new ArrayList<>(type.columnNames());
        type.listColumns().ifPresent(l -> {
            int at = columns.indexOf("count");
            columns.add(at < 0 ? columns.size() : at, l.prefix() + "SOURCE-B");
            columns.add(at < 0 ? columns.size() : at, l.prefix() + "SOURCE-A");
        });
        return columns;
    }

    public static String of(RecordType type) {
        return String.join(",", columns(type)) + "\r\n";
    }
}
