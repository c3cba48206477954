package org.darkfigure.releases;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.darkfigure.disclosure.PublishedEstimates;

/**
 * A release's estimates JSON as each audience gets it (in full, or for viewers without capture
 * histories), read and rendered once: a published release never changes, and with 1,000 strata the
 * rendering costs more than the rest of a request. Holds the few most recently asked releases.
 */
public final class EstimatesViews {

    private static final int RELEASES_HELD = 8;

    private final ReleaseStore releases;
    private final int smallCellThreshold;
    private final Map<String, byte[]> views = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > 2 * RELEASES_HELD;
        }
    };

    public EstimatesViews(ReleaseStore releases, int smallCellThreshold) {
        this.releases = releases;
        this.smallCellThreshold = smallCellThreshold;
    }

    /** The release's estimates, in full (researchers, admins) or as viewers may see them; empty if no such release. */
    public Optional<byte[]> of(String releaseId, boolean forViewers) throws IOException {
        String key = releaseId + (forViewers ? "|viewers" : "|full");
        synchronized (views) {
            byte[] held = views.get(key);
            if (held != null) {
                return Optional.of(held);
            }
        }
        Optional<byte[]> json = releases.estimatesJson(releaseId);
        if (json.isEmpty()) {
            return json; // not published (yet): not remembered
        }
        byte[] view = forViewers ? PublishedEstimates.forViewers(json.get(), smallCellThreshold) : json.get();
        synchronized (views) {
            views.put(key, view);
        }
        return Optional.of(view);
    }
}
