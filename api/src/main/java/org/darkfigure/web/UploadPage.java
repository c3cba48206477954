package org.darkfigure.web;

import org.darkfigure.standard.RecordType;
import org.darkfigure.standard.Standard;

/**
 * The statistician's upload page: record type, source and period, a file chosen or dropped, a progress bar
 * while it uploads, then the validation report on the page; templates and the codebook beside it. The
 * member state is the signed-in submitter's own. /assets/upload.js does the sending (with the CSRF token).
 */
public final class UploadPage {

    private UploadPage() {
    }

    /** {@code sources}: the state's declared sources (code to description), empty when it has declared none. */
    public static String render(Standard standard, String country, java.util.Map<String, String> sources, String csrf) {
        StringBuilder sourceField = new StringBuilder();
        StringBuilder declared = new StringBuilder();
        if (sources.isEmpty()) {
            sourceField.append("<label>Source <input id=\"source\" required placeholder=\"").append(Page.escape(country))
                    .append("-POLICE\"></label>");
            declared.append("<p id=\"no-sources\">").append(Page.escape(country)).append(" has not declared its sources yet, so ")
                    .append("any source code is taken as typed, and a typo becomes a source of its own. Declare them here: ")
                    .append("uploads for any other source are then refused.</p>");
        } else {
            sourceField.append("<label>Source <select id=\"source\" required>");
            declared.append("<ul id=\"declared-sources\">");
            sources.forEach((code, label) -> {
                sourceField.append("<option value=\"").append(Page.escape(code)).append("\">").append(Page.escape(code))
                        .append(label.isEmpty() ? "" : " (" + Page.escape(label) + ")").append("</option>");
                declared.append("<li data-code=\"").append(Page.escape(code)).append("\" data-label=\"").append(Page.escape(label))
                        .append("\"><strong>").append(Page.escape(code)).append("</strong>")
                        .append(label.isEmpty() ? "" : ": " + Page.escape(label)).append("</li>");
            });
            sourceField.append("</select></label>");
            declared.append("</ul><p class=\"meta\">Only these sources are accepted. A new source is declared below.</p>");
        }
        StringBuilder types = new StringBuilder();
        StringBuilder templates = new StringBuilder();
        for (RecordType t : standard.recordTypes()) {
            types.append("<option value=\"").append(Page.escape(t.name())).append("\" data-version=\"").append(t.version())
                    .append("\">").append(Page.escape(t.title())).append(" (").append(Page.escape(t.name())).append(" v")
                    .append(t.version()).append(")</option>");
            String base = "/api/v1/standard/" + t.name() + "/" + t.version();
            templates.append("<li>").append(Page.escape(t.name())).append(" v").append(t.version()).append(": <a href=\"")
                    .append(base).append("/template.csv\">CSV template</a>, <a href=\"").append(base)
                    .append("/template.xlsx\">Excel template</a></li>");
        }
        String body = """
                    <section class="panel">
                      <form id="upload" data-country="%s">
                        <p>Member state: <strong>%s</strong></p>
                        <label>Record type <select id="recordType">%s</select></label>
                        %s
                        <label>Period <input id="period" required placeholder="2024, 2024-Q1 or 2024-03"></label>
                        <div id="drop" class="drop" tabindex="0">Drop a CSV, JSON Lines, Excel or Parquet file here, or
                          <input id="file" type="file" aria-label="The file to upload" accept=".csv,.jsonl,.xlsx,.parquet,.gz"></div>
                        <button type="submit">Upload and check</button>
                        <progress id="progress" max="100" value="0" hidden></progress>
                      </form>
                      <div id="report" aria-live="polite"></div>
                    </section>
                    <section class="panel" id="sources">
                      <h2>Your sources</h2>
                      %s
                      <form id="declare-source" data-country="%s">
                        <label>Source code <input id="new-source" required pattern="[A-Za-z0-9][A-Za-z0-9_\\-]{0,31}"
                          placeholder="%s-COASTGUARD"></label>
                        <label>What it is <input id="new-source-label" placeholder="Coast guard"></label>
                        <button type="submit">Declare the source</button>
                      </form>
                      <p id="declared" aria-live="polite"></p>
                    </section>
                    <section class="panel">
                      <h2>Templates</h2>
                      <ul>%s</ul>
                      <p>What every column means and the codes it takes: <a href="/codebook">the codebook</a>.</p>
                    </section>
                """.formatted(Page.escape(country), Page.escape(country), types, sourceField, declared, Page.escape(country),
                Page.escape(country), templates);
        return Page.render("Upload a submission", "Check and submit a file of your member state. A file with any error is "
                + "refused whole, with a report of every problem by row and column; fix it and upload it again.", csrf, body,
                "/assets/upload.js");
    }
}
