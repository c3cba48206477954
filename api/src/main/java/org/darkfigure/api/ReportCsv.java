package org.darkfigure.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A validation report as CSV for a spreadsheet: one line per detailed problem. Cells that a
 * spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage return) are prefixed
 * with a quote, since values come from uploaded files.
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
        StringBuilder out = new StringBuilder("row,column,value,rule,severity,message,hint\r\n");
        for (JsonNode p : report.path("problems")) {
            out.append(cell(p.path("row").isNull() ? "" : p.path("row").asText())).append(',')
                    .append(cell(p.path("column").asText(""))).append(',')
                    .append(cell(p.path("value").isNull() ? "" : p.path("value").asText(""))).append(',')
                    .append(cell(p.path("rule").asText())).append(',')
                    .append(cell(p.path("severity").asText())).append(',')
                    .append(cell(p.path("message").asText())).append(',')
                    .append(cell(p.path("hint").asText())).append("\r\n");
        }
        if (report.path("truncated").asBoolean()) {
            out.append(",,,,,").append(cell("only the first " + report.path("detailLimit").asInt()
                    + " problems are listed; the counts per rule cover all " + report.path("errors").asLong() + " errors"))
                    .append(",\r\n");
        }
        return out.toString();
    }

    static String cell(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
