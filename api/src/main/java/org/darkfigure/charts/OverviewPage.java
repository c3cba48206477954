package org.darkfigure.charts;

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
        return """
                <!doctype html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>darkfigure — estimated hidden volume of migrant smuggling</title>
                  <link rel="stylesheet" href="/assets/site.css">
                  <script src="%s" defer></script>
                  <script src="/assets/overview.js" defer></script>
                </head>
                <body>
                  <header>
                    <h1>darkfigure</h1>
                    <p>Smuggled migrants detected by at least one agency (observed) and the estimated total including
                    those no agency recorded, per country and year. The band is the confidence interval.</p>
                  </header>
                  <main>
                    <p id="release" class="meta">Loading the current release…</p>
                    <div id="charts"></div>
                  </main>
                </body>
                </html>
                """.formatted(CHART_JS);
    }
}
