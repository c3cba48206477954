package org.darkfigure.release.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.darkfigure.disclosure.PublishedDetections;
import org.darkfigure.disclosure.PublishedEstimates;
import org.darkfigure.manifest.StageReport;
import org.darkfigure.manifest.StorageLayout;
import org.darkfigure.spark.Storage;

/**
 * Disclosure control of the published tables, once, when the release is made: the estimates and the
 * detection tables as viewers get them, with the threshold recorded in the release (so a release id
 * always means the same published numbers, whatever a server is configured with later).
 */
public final class PublishedTables {

    public static final List<String> OUTPUTS = List.of(StorageLayout.PUBLISHED_ESTIMATES, StorageLayout.PUBLISHED_DETECTIONS);

    private PublishedTables() {
    }

    public static StageReport write(Storage storage, String working, String releaseId, int threshold) throws IOException {
        long t = System.nanoTime();
        byte[] estimates = read(storage, working + "/estimates/estimates.json");
        byte[] published = PublishedEstimates.publish(estimates, threshold);
        try (OutputStream out = storage.create(working + "/" + StorageLayout.PUBLISHED_ESTIMATES)) {
            out.write(published);
        }
        byte[] detections = read(storage, working + "/" + StorageLayout.DETECTION_TABLES);
        try (OutputStream out = storage.create(working + "/" + StorageLayout.PUBLISHED_DETECTIONS)) {
            out.write(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(
                    PublishedDetections.publish(releaseId, detections, threshold)));
        }
        List<PublishedEstimates.Line> lines = PublishedEstimates.lines(published);
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("threshold", (long) threshold);
        counts.put("cells", (long) lines.size());
        counts.put("cells_suppressed", lines.stream().filter(PublishedEstimates.Line::suppressed).count());
        return new StageReport("published-tables", counts, (System.nanoTime() - t) / 1e9, List.of());
    }

    private static byte[] read(Storage storage, String path) throws IOException {
        try (InputStream in = storage.open(path)) {
            return in.readAllBytes();
        }
    }
}
