package org.darkfigure.manifest;

import java.util.List;
import java.util.Map;

/**
 * The record of one immutable release: every input with its checksum, parameters, seed, code
 * version, per-stage counts and timings, and the files it holds. Written last, so a release folder
 * with a manifest is complete.
 */
public record ReleaseManifest(String releaseId, String runId, String createdAt, String codeVersion, long seed,
                              Map<String, String> parameters, List<RunInput> inputs, List<StageReport> stages,
                              List<String> outputs) {

    public ReleaseManifest {
        parameters = Map.copyOf(parameters);
        inputs = List.copyOf(inputs);
        stages = List.copyOf(stages);
        outputs = List.copyOf(outputs);
    }
}
