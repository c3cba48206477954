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

    /**
     * The labels of the codes the page shows (routes, transport modes, justice stages: from the standard's code
     * lists, the one source of truth; countries: from the JDK), as JSON for the page's script: labels, not codes.
     */
    static String labels() {
        org.darkfigure.standard.Standard standard = org.darkfigure.standard.Standard.builtIn();
        java.util.Map<String, Object> labels = new java.util.LinkedHashMap<>();
        for (String list : java.util.List.of("route", "transport_mode", "cj_stage")) {
            labels.put(list, standard.requireCodeList(list).labels());
        }
        try {
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            labels.put("country", json.readTree(OverviewPage.countryNames()));
            return json.writeValueAsString(labels);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("code labels are not serialisable", e);
        }
    }

    public static String render() {
        String body = """
                    <form class="controls">
                      <label>Release <select id="release-select"></select></label>
                      <label>Country <select id="country-select"></select></label>
                    </form>
                    <p id="release" class="meta">Loading the current release…</p>
                    <p class="meta" id="disclosure"></p>
                    <div id="charts" data-labels="%s"></div>
                """.formatted(Page.escape(labels()));
        return Page.render("What was detected", "What the agencies recorded, as recorded: incidents and the people "
                + "involved by route and transport mode, the dead and missing, facilitators detected and how many suspects "
                + "were prosecuted and convicted. Counted per record, not deduplicated across agencies: the estimates page "
                + "gives the number of distinct people.", "", body, OverviewPage.CHART_JS, "/assets/charts.js", "/assets/detections.js");
    }
}
