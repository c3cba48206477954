package org.darkfigure.api;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.darkfigure.registry.Run;

/** How the API shows a pipeline run. */
final class RunJson {

    private RunJson() {
    }

    static Map<String, Object> of(Run run) {
        return of(run, java.util.Optional.empty());
    }

    /** {@code within}: what a running run's stage is doing now, shown as {@code within: {detail, count, total, unit}}. */
    static Map<String, Object> of(Run run, java.util.Optional<org.darkfigure.manifest.ProgressEvent> within) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", run.id());
        m.put("status", run.status().name().toLowerCase(Locale.ROOT));
        m.put("stage", run.stage());
        m.put("stagesDone", run.stagesDone());
        m.put("stagesTotal", run.stagesTotal());
        m.put("inputs", run.inputs());
        m.put("seed", run.seed());
        m.put("releaseId", run.releaseId());
        m.put("message", run.message());
        m.put("createdAt", run.createdAt() == null ? null : run.createdAt().toString());
        m.put("finishedAt", run.finishedAt() == null ? null : run.finishedAt().toString());
        within.filter(e -> !run.status().finished()).ifPresent(e -> {
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("stage", e.stage());
            w.put("detail", e.detail());
            w.put("count", e.count());
            w.put("total", e.total());
            w.put("unit", e.unit());
            m.put("within", w);
        });
        return m;
    }
}
