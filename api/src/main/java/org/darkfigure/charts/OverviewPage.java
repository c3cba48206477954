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

    public static String render() {
        String body = """
                    <form class="controls">
                      <label>Release <select id="release-select"></select></label>
                      <label>Country <select id="country-select"><option value="">All countries</option></select></label>
                      <label>Stratum <select id="stratum-select"><option value="all">Everyone (no sub-stratum)</option></select></label>
                    </form>
                    <p id="release" class="meta">Loading the current release…</p>
                    <div id="charts"></div>
                """;
        return Page.render("darkfigure", "Smuggled migrants detected by at least one agency (observed) and the estimated "
                + "total including those no agency recorded, per country and year. The band is the confidence interval.",
                "", body, CHART_JS, "/assets/charts.js", "/assets/overview.js");
    }
}
