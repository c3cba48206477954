package org.darkfigure.releases;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.darkfigure.manifest.StorageLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Releases never change, so each audience's view of their estimates is made once. */
class EstimatesViewsTest {

    private static final String ID = "20261129T000000Z-abcd";
    private static final String ESTIMATES = "{\"releaseId\":\"" + ID + "\",\"level\":0.95,\"strata\":[{\"population\":"
            + "\"migrant\",\"country\":\"IDN\",\"year\":2024,\"stratum\":\"all\",\"observed\":40,\"listSizes\":[30,20],"
            + "\"patternCounts\":[0,20,10,10],\"estimate\":{\"model\":\"Chapman\",\"total\":60.0,\"status\":\"OK\"}}],"
            + "\"totals\":[]}";

    @TempDir
    Path data;

    @Test
    void each_view_is_rendered_once_and_viewers_get_no_capture_histories() throws Exception {
        StorageLayout layout = new StorageLayout(data.toString());
        Path release = Path.of(layout.release(ID));
        Files.createDirectories(release.resolve("estimates"));
        Files.writeString(release.resolve("estimates/estimates.json"), ESTIMATES);
        Files.writeString(release.resolve("manifest.json"), "{}");
        EstimatesViews views = new EstimatesViews(new ReleaseStore(layout), 5);

        EstimatesViews.View full = views.of(ID, false).orElseThrow();
        assertArrayEquals(ESTIMATES.getBytes(StandardCharsets.UTF_8), full.json());
        assertArrayEquals(full.json(), new java.util.zip.GZIPInputStream(
                new java.io.ByteArrayInputStream(full.gzipped())).readAllBytes(), "the gzip holds the same bytes");
        EstimatesViews.View forViewers = views.of(ID, true).orElseThrow();
        assertFalse(new String(forViewers.json(), StandardCharsets.UTF_8).contains("patternCounts"));
        assertSame(forViewers, views.of(ID, true).orElseThrow(), "the second request gets the same rendering");
        assertSame(full, views.of(ID, false).orElseThrow());
        assertTrue(views.of("20261129T000000Z-ffff", true).isEmpty(), "no such release");
    }
}
