package org.darkfigure.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.darkfigure.registry.Submission;
import org.darkfigure.registry.SubmissionStatus;

/**
 * Who has sent what: a coverage matrix of (country, source, record type) by period, each cell the slice's state
 * (accepted with its revision, refused, or missing where the row's other periods have data), coloured and
 * labelled (the colour is never the only sign); and each submission's validation report as a readable page.
 */
public final class SubmissionsPage {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SubmissionsPage() {
    }

    /**
     * {@code submissions}: the accepted and superseded ones the reader may see; {@code refused}: refused uploads;
     * {@code declaredSources}: per country the reader may see, its declared sources (code to description), each a row
     * even before anything arrives from it.
     */
    public static String matrix(List<Submission> submissions, List<Submission> refused,
                                Map<String, Map<String, String>> declaredSources, String csrf) {
        TreeSet<String> periods = new TreeSet<>();
        Map<String, Map<String, Submission>> current = new TreeMap<>();
        Map<String, Map<String, Integer>> revisions = new TreeMap<>();
        Map<String, Map<String, Submission>> refusedBySlice = new TreeMap<>();
        for (Submission s : submissions) {
            String row = rowKey(s);
            periods.add(s.period());
            revisions.computeIfAbsent(row, k -> new TreeMap<>()).merge(s.period(), 1, Integer::sum);
            if (s.status() == SubmissionStatus.ACCEPTED) {
                current.computeIfAbsent(row, k -> new TreeMap<>()).put(s.period(), s);
            } else {
                current.computeIfAbsent(row, k -> new TreeMap<>());
            }
        }
        for (Submission s : refused) {
            String row = rowKey(s);
            periods.add(s.period());
            current.computeIfAbsent(row, k -> new TreeMap<>());
            refusedBySlice.computeIfAbsent(row, k -> new TreeMap<>()).putIfAbsent(s.period(), s); // newest first
        }
        declaredSources.forEach((country, sources) -> sources.keySet().forEach(source -> {
            String prefix = country + " / " + source + " / ";
            if (current.keySet().stream().noneMatch(k -> k.startsWith(prefix))) {
                current.put(prefix + NOTHING_YET, new TreeMap<>());
            }
        }));
        StringBuilder table = new StringBuilder("<table id=\"coverage\"><thead><tr><th>Country / source / record type</th>");
        periods.forEach(p -> table.append("<th>").append(Page.escape(p)).append("</th>"));
        table.append("</tr></thead><tbody>\n");
        for (Map.Entry<String, Map<String, Submission>> row : current.entrySet()) {
            table.append("<tr><th>").append(Page.escape(row.getKey())).append("</th>");
            for (String p : periods) {
                Submission accepted = row.getValue().get(p);
                Submission refusedOne = refusedBySlice.getOrDefault(row.getKey(), Map.of()).get(p);
                if (accepted != null) {
                    int earlier = revisions.get(row.getKey()).getOrDefault(p, 1) - 1;
                    table.append("<td class=\"cell-accepted\"><a href=\"/submissions/").append(Page.escape(accepted.id()))
                            .append("\">accepted r").append(accepted.revision()).append("</a>")
                            .append(earlier > 0 ? " <span class=\"meta\">(" + earlier + " superseded)</span>" : "");
                    if (refusedOne != null && refusedOne.receivedAt().isAfter(accepted.receivedAt())) {
                        // a correction that failed: the accepted revision still stands, and the sender must see why
                        table.append("<br><a class=\"refused-correction\" href=\"/submissions/").append(Page.escape(refusedOne.id()))
                                .append("\">a later correction was refused ").append(refusedOne.receivedAt().toLocalDate())
                                .append("</a>");
                    }
                } else if (refusedOne != null) {
                    table.append("<td class=\"cell-refused\"><a href=\"/submissions/").append(Page.escape(refusedOne.id()))
                            .append("\">refused</a>");
                } else {
                    table.append("<td class=\"cell-missing\">missing");
                }
                table.append("</td>");
            }
            table.append("</tr>\n");
        }
        table.append("</tbody></table>");
        String body = "<section class=\"panel\">" + (current.isEmpty() ? "<p>Nothing has been submitted yet.</p>" : table)
                + "<p class=\"meta\">accepted rN: revision N is current (earlier ones superseded); \"a later correction was "
                + "refused\": a newer upload for that cell was refused, so revision N still stands; refused: the last upload was "
                + "refused and nothing was stored; missing: no submission for a period the row has elsewhere. Rows are the "
                + "sources each member state has declared and those it has sent; an upload for an undeclared source is refused "
                + "and makes no row.</p></section>";
        return Page.render("Submissions", "Coverage of the submissions you may see, by slice and period; open a cell for its "
                + "validation report.", csrf, body);
    }

    private static final String NOTHING_YET = "(nothing submitted yet)";

    private static String rowKey(Submission s) {
        return s.country() + " / " + s.source() + " / " + s.recordType();
    }

    /** One submission's validation report, readable: outcome, counts per rule, and each problem by row and column. */
    public static String report(Submission s, String csrf) throws IOException {
        JsonNode r = JSON.readTree(s.reportJson());
        // by rule first, errors first (issue 18, item 10): one grouping, org.darkfigure.validate.ProblemGroup
        StringBuilder rules = new StringBuilder();
        for (org.darkfigure.validate.ProblemGroup g : JSON.readValue(s.reportJson(),
                org.darkfigure.validate.ValidationReport.class).groups()) {
            rules.append("<tr class=\"").append(g.severity() == org.darkfigure.validate.Severity.ERROR ? "error" : "warning")
                    .append("\"><td title=\"").append(Page.escape(g.rule())).append("\">")
                    .append(g.severity() == org.darkfigure.validate.Severity.ERROR ? "Error" : "Warning").append("</td><td>")
                    .append(Page.escape(g.where())).append("</td><td>").append(Page.escape(String.join(", ", g.columns())))
                    .append("</td><td>").append(Page.escape(shorten(g.example(), 160))).append("</td><td>")
                    .append(Page.escape(g.hint())).append("</td></tr>\n");
        }
        StringBuilder problems = new StringBuilder();
        for (JsonNode p : r.path("problems")) {
            boolean header = p.path("row").isNull() || p.path("row").asLong() == 0;
            problems.append("<tr class=\"").append("ERROR".equals(p.path("severity").asText()) ? "error" : "warning")
                    .append("\"><td>").append(header ? "header" : p.path("row").asText()).append("</td><td>")
                    .append(Page.escape(p.path("column").asText(""))).append("</td><td>")
                    .append(Page.escape(shorten(p.path("value").asText(""), 40))).append("</td><td>")
                    .append(Page.escape(p.path("rule").asText())).append("</td><td>")
                    .append(Page.escape(p.path("message").asText())).append("</td><td>")
                    .append(Page.escape(p.path("hint").asText(""))).append("</td></tr>\n");
        }
        String status = s.status().name().toLowerCase(java.util.Locale.ROOT);
        String body = """
                    <section class="panel">
                      <p id="status" class="%s">%s: %s / %s / %s / %s%s</p>
                      <p>%d rows read, %d errors, %d warnings. <a href="/api/v1/submissions/%s/report.csv">Download the report (CSV)</a></p>
                      %s
                      %s
                    </section>
                """.formatted("refused".equals(status) ? "error" : "ok", Page.escape(status), Page.escape(s.country()),
                Page.escape(s.source()), Page.escape(s.recordType()), Page.escape(s.period()),
                s.revision() > 0 ? ", revision " + s.revision() : "", r.path("rowsRead").asLong(), r.path("errors").asLong(),
                r.path("warnings").asLong(), Page.escape(s.id()), rules.length() == 0 ? "" : "<h3>What to fix, by rule</h3>"
                        + "<table id=\"groups\" class=\"report\"><thead><tr><th>Kind</th><th>Where</th><th>Columns</th>"
                        + "<th>For example</th><th>How to fix</th></tr></thead><tbody>" + rules + "</tbody></table>",
                problems.length() == 0 ? "<p>No problems.</p>" : "<h3>The problems, row by row</h3><table id=\"problems\" "
                        + "class=\"report\"><thead><tr><th>Row</th><th>Column</th>"
                        + "<th>Value</th><th>Rule</th><th>Message</th><th>How to fix</th></tr></thead><tbody>" + problems
                        + "</tbody></table>" + (r.path("truncated").asBoolean() ? "<p class=\"meta\">Only the first "
                        + r.path("problems").size() + " problems are listed; the counts per rule cover all.</p>" : ""));
        return Page.render("Submission " + s.id(), "Its validation report.", csrf, body);
    }

    /** Long values (a whole row pasted into one cell) would stretch the table past the page. */
    static String shorten(String text, int max) {
        return text == null ? "" : text.length() > max ? text.substring(0, max - 1) + "…" : text;
    }
}
