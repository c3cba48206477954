package org.darkfigure.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.darkfigure.releases.ReleaseStore;

/**
 * The list of releases, newest first, each with what it was made from (inputs, parameters, code version, when)
 * and its downloads: the published estimate tables (CSV, SDMX-CSV, after disclosure control), and for
 * researchers and admins the manifest and the microdata (persons and records, k-anonymous).
 */
public final class ReleasesPage {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReleasesPage() {
    }

    public static String render(ReleaseStore releases, boolean showManifests, String csrf) throws IOException {
        Optional<String> current = releases.currentId();
        List<String> ids = releases.ids();
        StringBuilder rows = new StringBuilder();
        for (String id : ids) {
            JsonNode m = JSON.readTree(releases.manifestJson(id).orElse("{}".getBytes()));
            String base = "/api/v1/releases/" + id;
            rows.append("<tr data-release=\"").append(Page.escape(id)).append("\"><td>").append(Page.escape(id))
                    .append(current.map(id::equals).orElse(false) ? " <strong>(current)</strong>" : "")
                    .append("</td><td>").append(Page.escape(m.path("createdAt").asText()))
                    .append("</td><td>").append(m.path("inputs").size())
                    .append("</td><td>").append(Page.escape(parametersInWords(m.path("parameters"))))
                    .append("</td><td>").append(Page.escape(m.path("codeVersion").asText()))
                    .append("</td><td><a href=\"").append(base).append("/estimates.csv\">estimates CSV</a> · <a href=\"")
                    .append(base).append("/estimates.sdmx.csv\">SDMX-CSV</a> · <a href=\"").append(base)
                    .append("/detections.csv\">detections CSV</a>");
            if (showManifests) {
                rows.append(" · <a href=\"").append(base).append("/manifest\">manifest</a>");
                JsonNode research = JSON.readTree(releases.file(id, org.darkfigure.manifest.StorageLayout.RESEARCH_INDEX).orElse("{}".getBytes()));
                for (JsonNode d : research.path("datasets")) {
                    String name = d.path("name").asText();
                    rows.append("<br>").append(Page.escape(name)).append(": <a href=\"").append(base).append("/data/")
                            .append(Page.escape(name)).append(".csv\">CSV</a> · <a href=\"").append(base).append("/data/")
                            .append(Page.escape(name)).append(".parquet\">Parquet</a> <span class=\"meta\">")
                            .append(String.format(java.util.Locale.ENGLISH, "%,d rows, %,d withheld", d.path("rows").asLong(),
                                    d.path("withheld").asLong())).append("</span>");
                    // issue 18, item 8: withheld (by disclosure control) is not the same as never collected
                    List<String> withheldColumns = new java.util.ArrayList<>();
                    d.path("dropped").fieldNames().forEachRemaining(withheldColumns::add);
                    List<String> notCollected = new java.util.ArrayList<>();
                    d.path("notCollected").forEach(c -> notCollected.add(c.asText()));
                    if (!withheldColumns.isEmpty()) {
                        rows.append("<br><span class=\"meta withheld-columns\">withheld from researchers: ")
                                .append(Page.escape(String.join(", ", withheldColumns))).append("</span>");
                    }
                    if (!notCollected.isEmpty()) {
                        rows.append("<br><span class=\"meta not-collected\">empty because no source collected them: ")
                                .append(Page.escape(String.join(", ", notCollected))).append("</span>");
                    }
                }
                if (research.has("k")) {
                    rows.append("<br><a href=\"").append(base).append("/data\">what was coarsened (k = ")
                            .append(research.path("k").asInt()).append(")</a>");
                }
            }
            rows.append("</td></tr>\n");
        }
        String body = ids.isEmpty() ? "<p>No release has been published yet.</p>" : """
                    <section class="panel">
                    <table id="releases">
                      <thead><tr><th>Release</th><th>Published (UTC)</th><th>Inputs</th><th>Parameters</th><th>Code</th><th>Downloads</th></tr></thead>
                      <tbody>
                %s    </tbody>
                    </table>
                    </section>
                    <section class="panel" id="explained">
                      <h2>What each download holds</h2>
                      <dl>
                        <dt>estimates CSV</dt>
                        <dd>One row per country, year and population (migrants or smugglers): the people observed by at least one
                        agency, the estimated total with its interval and confidence level, the model, the quality flag
                        (reliable, use with caution, not estimable, suppressed) and the warnings behind it. Counts of people
                        are whole numbers.</dd>
                        <dt>SDMX-CSV</dt>
                        <dd>The same estimates in the SDMX-CSV layout statistical offices load: observation status E for
                        estimated values, the confidence level, unit and decimals as attributes.</dd>
                        <dt>detections CSV</dt>
                        <dd>What the agencies detected, as the detections page charts it, in one tidy table: a row per table
                        (by route, by transport mode, dead and missing, facilitators, the justice funnel), country, year,
                        category and measure, with its value. A value hidden by disclosure control is empty with status
                        <code>C</code> (confidential), never 0; the threshold it was hidden under is on every row.</dd>
                        <dt>manifest (researchers)</dt>
                        <dd>What the release was made from: every input file with its SHA-256, the run parameters, the code
                        version and the rows and seconds of each stage; enough to re-run it.</dd>
                        <dt>persons, records (researchers)</dt>
                        <dd>One row per linked person (the lists that recorded them) and one row per record, after disclosure
                        control: no linkage field, and quasi-identifiers coarsened until every combination is shared by at least
                        k rows. Code columns (offence codes such as <code>08051</code>, country and list codes) are text: read
                        them as text to keep their leading zeros (pandas: <code>pd.read_csv(f, dtype=str)</code>, or the
                        Parquet file, which keeps the types). Each column's meaning and codes are in
                        <a href="/codebook">the codebook</a>. Under each dataset, "withheld from researchers" lists the
                        columns disclosure control left out of the files, and "empty because no source collected them" the
                        columns that are in the files but have no value in any row: an empty column was not withheld.
                        <code>datasets.json</code> (the "what was coarsened" link) says the same as <code>dropped</code> and
                        <code>notCollected</code>, with each column's share of rows filled.</dd>
                      </dl>
                      <p class="meta">Published tables hide small counts (and the cells that would reveal them) and give no
                      estimate for strata observed fewer than the publication threshold.</p>
                    </section>
                """.formatted(rows);
        return Page.render("Releases", "Every published release stays downloadable; cite a release by its id.", csrf, body);
    }

    /** The run parameters in words: "estimator: all-two-way, link threshold: 0.5, …" (names split at capitals). */
    static String parametersInWords(JsonNode parameters) {
        List<String> parts = new java.util.ArrayList<>();
        parameters.fields().forEachRemaining(e -> parts.add(e.getKey().replaceAll("([a-z])([A-Z])", "$1 $2")
                .toLowerCase(java.util.Locale.ROOT) + ": " + (e.getValue().isTextual() ? e.getValue().asText()
                : e.getValue().toString())));
        return String.join(", ", parts);
    }
}
