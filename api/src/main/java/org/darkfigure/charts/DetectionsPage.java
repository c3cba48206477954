package org.darkfigure.charts;

import org.darkfigure.web.Page;

/**
 * What the agencies detected, for policy staff beside the estimates: incidents and persons by route and by
 * transport mode over the years, the dead and missing, facilitators detected and the justice funnel, for one
 * country of one release, each chart with its table. The shell only; /assets/detections.js draws from
 * GET /api/v1/releases/{id}/detections, after disclosure control.
 */
public final class DetectionsPage {

    private DetectionsPage() {
    }

    public static String render() {
        String body = """
                    <form class="controls">
                      <label>Release <select id="release-select"></select></label>
                      <label>Country <select id="country-select"></select></label>
                    </form>
                    <p id="release" class="meta">Loading the current release…</p>
                    <p class="meta" id="disclosure"></p>
                    <div id="charts"></div>
                """;
        return Page.render("What was detected", "What the agencies recorded, as recorded: incidents and the people "
                + "involved by route and transport mode, the dead and missing, facilitators detected and how many suspects "
                + "were prosecuted and convicted. Counted per record, not deduplicated across agencies: the estimates page "
                + "gives the number of distinct people.", "", body, OverviewPage.CHART_JS, "/assets/charts.js", "/assets/detections.js");
    }
}
