package org.darkfigure.releases;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.darkfigure.disclosure.PublishedEstimates;
import org.darkfigure.manifest.StorageLayout;

/**
 * A release's estimates JSON as each audience gets it (in full for researchers and admins, or the published
 * table for viewers and for every published download), read once: a published release never changes, and with 1,000 strata the
 * rendering costs more than the rest of a request. Holds the few most recently asked releases.
 */
public final class EstimatesViews {

    private static final int RELEASES_HELD = 8;

    private final ReleaseStore releases;
    private final int smallCellThreshold;
    private final Map<String, View> views = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, View> eldest) {
            return size() > 2 * RELEASES_HELD;
        }
    };

    /** The JSON, and the same gzip-compressed once (browsers ask for gzip; compressing per request would cost more). */
    public record View(byte[] json, byte[] gzipped) {
        static View of(byte[] json) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(json.length / 4);
            try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(out)) {
                gzip.write(json);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return new View(json, out.toByteArray());
        }
    }

    public EstimatesViews(ReleaseStore releases, int smallCellThreshold) {
        this.releases = releases;
        this.smallCellThreshold = smallCellThreshold;
    }

    /**
     * The release's published table, made when it was published; a release made before published tables
     * existed gets it made now, by the same code, with this server's threshold.
     */
    private byte[] published(String releaseId, byte[] full) throws IOException {
        Optional<byte[]> made = releases.file(releaseId, StorageLayout.PUBLISHED_ESTIMATES);
        return made.isPresent() ? made.get() : PublishedEstimates.publish(full, smallCellThreshold);
    }

    /** The release's estimates, in full (researchers, admins) or as viewers may see them; empty if no such release. */
    public Optional<View> of(String releaseId, boolean forViewers) throws IOException {
        String key = releaseId + (forViewers ? "|viewers" : "|full");
        synchronized (views) {
            View held = views.get(key);
            if (held != null) {
                return Optional.of(held);
            }
        }
        Optional<byte[]> json = releases.estimatesJson(releaseId);
        if (json.isEmpty()) {
            return Optional.empty(); // not published (yet): not remembered
        }
        View view = View.of(forViewers ? published(releaseId, json.get()) : json.get());
        synchronized (views) {
            views.put(key, view);
        }
        return Optional.of(view);
    }
}
