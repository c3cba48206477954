package org.darkfigure.charts;

import org.darkfigure.web.Page;
import org.darkfigure.web.WebJars;

/**
 * The home page for policy staff: estimated and observed totals per year for each country, with
 * the confidence band. Server-rendered shell; the charts are drawn by /assets/overview.js from the
 * estimates JSON (no inline script, so a strict Content-Security-Policy can apply).
 */
public final class OverviewPage {

    /** The Chart.js build served from its WebJar; the version comes from the build (pom.xml). */
    public static final String CHART_JS = WebJars.CHART_JS;

    private OverviewPage() {
    }

    /** ISO 3166 alpha-3 code -> English country name, from the JDK, for the page's script (labels, not codes). */
    static String countryNames() {
        StringBuilder json = new StringBuilder("{");
        org.darkfigure.codes.IsoCountries.alpha3Names().forEach((alpha3, name) -> json.append(json.length() > 1 ? "," : "")
                .append('"').append(alpha3).append("\":\"").append(name.replace("\"", "")).append('"'));
        return json.append('}').toString();
    }

    /** The overview; {@code details}: whether the reader may open the stratum pages (researchers and admins). */
    public static String render(boolean details) {
        String body = """
                    <form class="controls">
                      <label>Release <select id="release-select"></select></label>
                      <label>Country <select id="country-select"><option value="">All countries</option></select></label>
                      <label>Stratum <select id="stratum-select"><option value="all">Everyone (no sub-stratum)</option></select></label>
                    </form>
                    <p id="headline" class="headline" aria-live="polite"></p>
                    <p id="release" class="meta">Loading the current release…</p>
                    <div id="charts" data-countries="%s" data-details="%s"></div>
                """.formatted(Page.escape(countryNames()), details);
        return Page.render("How many smuggled migrants, seen and unseen", "Smuggled migrants detected by at least one "
                + "agency (observed) and the estimated total including those no agency recorded, per country and year. "
                + "The band is the confidence interval.", "", body, CHART_JS, "/assets/charts.js", "/assets/overview.js");
    }
}
