package org.darkfigure.web;

/**
 * One stratum in detail, for researchers and admins (its capture-history counts are microdata in disguise):
 * list sizes and overlaps as an UpSet-style bar chart of capture patterns, the candidate models with AIC and BIC
 * and the selected one, goodness of fit, warnings in plain language, and how the estimate moves between models
 * and with the linkage threshold. /assets/stratum.js draws it from the estimates JSON.
 */
public final class StratumPage {

    private StratumPage() {
    }

    public static String render(String population, String country, int year, String csrf) {
        String body = """
                    <div id="stratum" data-population="%s" data-country="%s" data-year="%d"></div>
                    <p id="summary" class="meta">Loading…</p>
                    <section class="panel"><h2>Who was seen by which lists</h2>
                      <p class="meta">People per capture pattern (the lists that recorded them), largest first, and each list's size.</p>
                      <div class="pair"><div class="chart"><canvas id="patterns" role="img" aria-label="people per capture pattern"></canvas></div>
                      <div class="chart"><canvas id="lists" role="img" aria-label="people per list"></canvas></div></div>
                    </section>
                    <section class="panel"><h2>Models</h2>
                      <div class="chart"><canvas id="models" role="img" aria-label="estimate by model"></canvas></div>
                      <table id="candidates"></table>
                      <p id="fit"></p>
                      <h3>Bayesian comparisons</h3>
                      <p class="meta">Shown beside the models above, never chosen as the estimate; fitted with shortened settings.</p>
                      <ul id="bayes"></ul>
                    </section>
                    <section class="panel"><h2>Warnings</h2><ul id="warnings"></ul><p id="linkage"></p></section>
                """.formatted(Page.escape(population), Page.escape(country), year);
        return Page.render(country + " " + year + " (" + population + ")", "One stratum of a release in detail (the current one unless the address names another).",
                csrf, body, org.darkfigure.web.WebJars.CHART_JS, "/assets/stratum.js");
    }
}
