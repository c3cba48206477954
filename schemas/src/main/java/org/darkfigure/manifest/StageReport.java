package org.darkfigure.manifest;

import java.util.List;
import java.util.Map;

/** What one pipeline stage did: row counts by name, wall time, and warnings worth a reader's attention. */
public record StageReport(String stage, Map<String, Long> counts, double seconds, List<String> warnings) {

    public StageReport {
        counts = Map.copyOf(counts);
        warnings = List.copyOf(warnings);
    }
}
