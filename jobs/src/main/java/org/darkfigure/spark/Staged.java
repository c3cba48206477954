package org.darkfigure.spark;

import java.util.List;
import org.darkfigure.manifest.StageReport;

/** What a stage returns: its output for the next stages, its report for the manifest, the files it wrote. */
public record Staged<T>(T output, StageReport report, List<String> files) {

    public Staged {
        files = List.copyOf(files);
    }

    public static double seconds(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 1e6) / 1e3;
    }
}
