package org.darkfigure.web;

/**
 * One stratum in detail, for researchers and admins (its capture-history counts are microdata in disguise):
 * list sizes and overlaps as an UpSet plot of capture patterns (SVG, with a table beside it for screen readers), the candidate models with AIC and BIC
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
                      <div id="patterns"></div>
                      <div class="pair">
                      <div class="chart"><canvas id="lists" role="img" aria-label="people per list"></canvas></div></div>
                    </section>
                    <section class="panel"><h2>Models</h2>
                      <div class="chart"><canvas id="models" role="img" aria-label="estimate by model"></canvas></div>
                      <table id="candidates"></table>
                      <details id="notation"><summary>How to read the model names</summary>
                        <p>Lists are numbered in the order of the list-size chart above: 1 is its first list, 2 the second, and
                        so on (the legend under this note names them). A log-linear model is written as the groups of lists
                        allowed to depend on each other: <code>[12][3]</code> lets lists 1 and 2 record the same people more (or
                        less) often than chance would, and keeps list 3 independent of both; <code>[1][2][3]</code> takes every
                        list as independent; <code>[12][13][23]</code> lets every pair depend (the published default where the
                        table supports it). <code>M0</code>, <code>Mt</code>, <code>Mh</code>, <code>Mth</code>,
                        <code>Mb</code> and <code>Mbh</code> are Rcapture's closed-population models: t lets each list
                        catch at its own rate, h lets people differ in how catchable they are (Chao's lower bound
                        <em>(LB)</em>, Poisson2, Darroch and Gamma3.5 are four ways of modelling that), b lets a first
                        capture change later ones.</p>
                        <p id="notation-lists"></p>
                      </details>
                      <p id="fit"></p>
                      <h3>Bayesian comparisons</h3>
                      <p class="meta">Shown beside the models above, never chosen as the estimate; fitted with shortened settings.</p>
                      <ul id="bayes"></ul>
                    </section>
                    <section class="panel"><h2>Warnings</h2><ul id="warnings"></ul><p id="linkage"></p></section>
                """.formatted(Page.escape(population), Page.escape(country), year);
        String who = "offender".equals(population) ? "smugglers" : "migrant".equals(population) ? "smuggled migrants"
                : population;
        return Page.render(countryName(country) + " " + year + ": " + who + ", in detail", "One stratum ("
                + population + ", " + country + ", " + year + ") of a release: the current one unless the address names "
                + "another.", csrf, body, org.darkfigure.web.WebJars.CHART_JS, "/assets/stratum.js");
    }

    /** The country's English name from the JDK's ISO 3166 list, else its code. */
    static String countryName(String alpha3) {
        return org.darkfigure.codes.IsoCountries.alpha3Names().getOrDefault(alpha3.toUpperCase(java.util.Locale.ROOT), alpha3);
    }
}
