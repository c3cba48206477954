package org.darkfigure.web;

import java.util.List;
import java.util.Locale;
import org.darkfigure.manifest.RunParameters;
import org.darkfigure.registry.Run;

/**
 * The admin's runs page: start a pipeline run, follow it (stage, progress bar), read its log and outcome; the
 * runs so far below. /assets/runs.js starts and follows runs through the runs API.
 */
public final class RunsPage {

    private RunsPage() {
    }

    /**
     * The run parameters as a form, from {@link RunParameters#KNOWN} (one source of truth with the API's checks):
     * a list for those with a few values, a text field otherwise; left empty, a parameter takes its default.
     * {@code smallCell}: this server's default for the threshold rule.
     */
    static String parameterForm(int smallCell) {
        StringBuilder form = new StringBuilder("<details id=\"parameters\"><summary>Run parameters (optional: each left "
                + "empty takes its default)</summary><div class=\"parameter-grid\">");
        RunParameters.KNOWN.forEach((name, meaning) -> {
            String id = "p-" + name;
            form.append("<div class=\"parameter\"><label for=\"").append(id).append("\"><code>").append(Page.escape(name)).append("</code> <span class=\"meta\">")
                    .append(Page.escape(name.equals("smallCell") ? meaning.replace("the server's DARKFIGURE_SMALL_CELL, "
                            + RunParameters.DEFAULT_SMALL_CELL, "this server's, " + smallCell) : meaning))
                    .append("</span></label>");
            List<String> choices = RunParameters.CHOICES.get(name);
            if (choices != null) {
                form.append("<select id=\"").append(id).append("\" data-parameter=\"").append(Page.escape(name))
                        .append("\"><option value=\"\">(default)</option>");
                choices.forEach(c -> form.append("<option value=\"").append(Page.escape(c)).append("\">").append(Page.escape(c))
                        .append("</option>"));
                form.append("</select>");
            } else {
                form.append("<input id=\"").append(id).append("\" data-parameter=\"").append(Page.escape(name))
                        .append("\" placeholder=\"(default)\">");
            }
            form.append("</div>");
        });
        return form.append("</div></details>").toString();
    }

    public static String render(List<Run> runs, int smallCell, String csrf) {
        StringBuilder rows = new StringBuilder();
        String active = "";
        for (Run r : runs) {
            String status = r.status().name().toLowerCase(Locale.ROOT);
            if (active.isEmpty() && !r.status().finished()) {
                active = r.id();
            }
            rows.append("<tr data-run=\"").append(Page.escape(r.id())).append("\"><td>").append(Page.escape(r.id())).append("</td><td>").append(status).append("</td><td>")
                    .append(Page.escape(r.stage())).append("</td><td>").append(r.stagesDone()).append('/').append(r.stagesTotal())
                    .append("</td><td>").append(r.inputs()).append("</td><td>").append(Page.escape(r.releaseId()))
                    .append("</td><td>").append(Page.escape(r.message())).append("</td><td><a href=\"/api/v1/runs/")
                    .append(Page.escape(r.id())).append("/log\">log</a></td></tr>\n");
        }
        String body = """
                    <section class="panel" id="run" data-active="%s">
                      %s
                      <button id="start" type="button">Start a run over the current submissions</button>
                      <p>Run <span id="run-id">–</span>: <strong id="run-status">no run followed</strong>
                      <span id="run-stage"></span> <span id="run-elapsed" class="meta"></span></p>
                      <progress id="run-progress" max="4" value="0" aria-label="stages done"></progress>
                      <p id="run-within" class="meta"></p>
                      <progress id="run-within-progress" max="1" value="0" aria-label="done within the stage" hidden></progress>
                      <p id="run-message"></p>
                      <p id="run-summary"></p>
                      <pre id="run-log"></pre>
                    </section>
                    <section class="panel">
                      <h2>Runs</h2>
                      <table id="runs">
                        <thead><tr><th>Run</th><th>Status</th><th>Stage</th><th>Progress</th><th>Inputs</th><th>Release</th><th>Message</th><th>Log</th></tr></thead>
                        <tbody>
                %s        </tbody>
                      </table>
                    </section>
                """.formatted(Page.escape(active), parameterForm(smallCell), rows);
        return Page.render("Pipeline runs", "Harmonise, link, estimate and publish the current submissions as a new release.",
                csrf, body, "/assets/runs.js");
    }
}
