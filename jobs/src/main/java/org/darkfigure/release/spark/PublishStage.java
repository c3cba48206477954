package org.darkfigure.release.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.darkfigure.crash.Failpoint;
import org.darkfigure.manifest.ManifestJson;
import org.darkfigure.manifest.ReleaseManifest;
import org.darkfigure.manifest.StorageLayout;
import org.darkfigure.spark.Storage;

/**
 * Makes a release visible, in an order that survives a crash at any point: the manifest is written
 * last inside the temporary folder, the folder is renamed into place in one step, and only then
 * does the CURRENT pointer switch (atomically) to it. Until the switch, readers see the previous
 * release, complete.
 */
public final class PublishStage {

    public static final String MANIFEST = "manifest.json";

    private PublishStage() {
    }

    /** The folder a run writes its release into before publishing. */
    public static String workingFolder(StorageLayout layout, String releaseId) {
        return layout.releases() + "/.tmp-" + releaseId;
    }

    public static void publish(Storage storage, StorageLayout layout, ReleaseManifest manifest) throws IOException {
        String working = writeManifest(storage, layout, manifest);
        Failpoint.reach("publish.after-manifest");
        storage.renameDirectory(working, layout.release(manifest.releaseId()));
        Failpoint.reach("publish.after-rename");
        storage.replaceAtomically(layout.currentPointer(),
                (manifest.releaseId() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** A re-run of a release, kept beside the releases for comparison; never becomes current. */
    public static void publishReproduction(Storage storage, StorageLayout layout, ReleaseManifest manifest)
            throws IOException {
        String working = writeManifest(storage, layout, manifest);
        storage.mkdirs(layout.reproductions());
        storage.renameDirectory(working, layout.reproduction(manifest.releaseId()));
    }

    private static String writeManifest(Storage storage, StorageLayout layout, ReleaseManifest manifest) throws IOException {
        String working = workingFolder(layout, manifest.releaseId());
        try (OutputStream out = storage.create(working + "/" + MANIFEST)) {
            ManifestJson.write(out, manifest);
        }
        return working;
    }
}
