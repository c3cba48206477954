package org.darkfigure.web;

import java.util.List;
import java.util.Locale;
import org.darkfigure.registry.Run;

/**
 * The admin's runs page: start a pipeline run, follow it (stage, progress bar), read its log and outcome; the
 * runs so far below. /assets/runs.js starts and follows runs through the runs API.
 */
public final class RunsPage {

    private RunsPage() {
    }

    public static String render(List<Run> runs, String csrf) {
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
                      <button id="start" type="button">Start a run over the current submissions</button>
                      <p>Run <span id="run-id">–</span>: <strong id="run-status">no run followed</strong>
                      <span id="run-stage"></span> <span id="run-elapsed" class="meta"></span></p>
                      <progress id="run-progress" max="4" value="0" aria-label="stages done"></progress>
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
                """.formatted(Page.escape(active), rows);
        return Page.render("Pipeline runs", "Harmonise, link, estimate and publish the current submissions as a new release.",
                csrf, body, "/assets/runs.js");
    }
}
