package org.darkfigure.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.darkfigure.csv.CsvWriter;

/**
 * A validation report as CSV for a spreadsheet: one line per detailed problem, written by the platform's one
 * CSV writer (values come from uploaded files, so formula-like cells are neutralised).
 */
final class ReportCsv {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportCsv() {
    }

    static String of(String reportJson) {
        JsonNode report;
        try {
            report = JSON.readTree(reportJson);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("row", "column", "value", "rule", "severity", "message", "hint"));
        for (JsonNode p : report.path("problems")) {
            rows.add(List.of(p.path("row").isNull() ? "" : p.path("row").asText(), p.path("column").asText(""),
                    p.path("value").isNull() ? "" : p.path("value").asText(""), p.path("rule").asText(),
                    p.path("severity").asText(), p.path("message").asText(), p.path("hint").asText()));
        }
        if (report.path("truncated").asBoolean()) {
            rows.add(List.of("", "", "", "", "", "only the first " + report.path("detailLimit").asInt()
                    + " problems are listed; the counts per rule cover all " + report.path("errors").asLong() + " errors", ""));
        }
        return CsvWriter.text(rows);
    }
}
