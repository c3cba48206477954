package org.darkfigure.manifest;

import java.util.List;
import java.util.Map;

/**
 * What the API hands a pipeline run: the current submissions (latest revision per slice), the
 * parameters and the seed. A run is a pure function of this file and the staged data it names.
 */
public record RunManifest(String runId, String createdAt, String storageRoot, long seed,
                          Map<String, String> parameters, List<RunInput> inputs, Map<String, String> profiles) {

    public RunManifest {
        parameters = Map.copyOf(parameters);
        inputs = List.copyOf(inputs);
        profiles = profiles == null ? Map.of() : Map.copyOf(profiles);
    }
}
