package org.darkfigure.manifest;

import java.util.List;
import java.util.Map;

/**
 * The record of one immutable release: every input with its checksum, the run's parameters and seed,
 * the national profiles its inputs were mapped with, code version, per-stage counts and timings, and
 * the files it holds. Written last, so a release folder with a manifest is complete; enough to re-run
 * the release ({@code ./darkfigure reproduce}). {@code method} describes the estimators for readers.
 */
public record ReleaseManifest(String releaseId, String runId, String createdAt, String codeVersion, long seed,
                              Map<String, String> parameters, Map<String, String> method, List<RunInput> inputs,
                              Map<String, String> profiles, List<StageReport> stages, List<String> outputs) {

    public ReleaseManifest {
        parameters = Map.copyOf(parameters);
        method = method == null ? Map.of() : Map.copyOf(method);
        profiles = profiles == null ? Map.of() : Map.copyOf(profiles);
        inputs = List.copyOf(inputs);
        stages = List.copyOf(stages);
        outputs = List.copyOf(outputs);
    }
}
