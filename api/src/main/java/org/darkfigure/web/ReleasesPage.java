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
                    .append("</td><td>").append(Page.escape(m.path("parameters").toString()))
                    .append("</td><td>").append(Page.escape(m.path("codeVersion").asText()))
                    .append("</td><td><a href=\"").append(base).append("/estimates.csv\">estimates CSV</a> · <a href=\"")
                    .append(base).append("/estimates.sdmx.csv\">SDMX-CSV</a>");
            if (showManifests) {
                rows.append(" · <a href=\"").append(base).append("/manifest\">manifest</a>");
                JsonNode research = JSON.readTree(releases.file(id, org.darkfigure.manifest.StorageLayout.RESEARCH_INDEX).orElse("{}".getBytes()));
                for (JsonNode d : research.path("datasets")) {
                    String name = d.path("name").asText();
                    rows.append("<br>").append(Page.escape(name)).append(": <a href=\"").append(base).append("/data/")
                            .append(Page.escape(name)).append(".csv\">CSV</a> · <a href=\"").append(base).append("/data/")
                            .append(Page.escape(name)).append(".parquet\">Parquet</a> <span class=\"meta\">")
                            .append(d.path("rows").asLong()).append(" rows, ").append(d.path("withheld").asLong())
                            .append(" withheld</span>");
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
                    <p class="meta">Published tables hide small counts (and the cells that would reveal them) and give no estimate
                    for strata observed fewer than the threshold. Researcher downloads (persons and records, signed-in researchers
                    only) carry no linkage field, and every combination of their quasi-identifiers is shared by at least k
                    records; see the README, "Published tables and disclosure control".</p>
                    </section>
                """.formatted(rows);
        return Page.render("Releases", "Every published release stays downloadable; cite a release by its id.", csrf, body);
    }
}
