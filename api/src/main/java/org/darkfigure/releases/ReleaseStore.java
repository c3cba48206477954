package org.darkfigure.releases;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.darkfigure.files.Folders;
import org.darkfigure.manifest.StorageLayout;

/** Reads published releases from the storage root: which is current, their manifests and estimates. */
public final class ReleaseStore {

    private static final Pattern RELEASE_ID = Pattern.compile("[0-9]{8}T[0-9]{6}Z-[0-9a-f]{4}");

    private final StorageLayout layout;

    public ReleaseStore(StorageLayout layout) {
        this.layout = layout;
    }

    public Optional<String> currentId() throws IOException {
        Path pointer = Path.of(layout.currentPointer());
        if (!Files.exists(pointer)) {
            return Optional.empty();
        }
        String id = Files.readString(pointer, StandardCharsets.UTF_8).trim();
        return valid(id) ? Optional.of(id) : Optional.empty();
    }

    /** Published release ids, newest first. */
    public List<String> ids() throws IOException {
        Path root = Path.of(layout.releases());
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(root)) {
            return children.map(p -> p.getFileName().toString()).filter(ReleaseStore::valid)
                    .filter(id -> Files.exists(root.resolve(id).resolve("manifest.json")))
                    .sorted(java.util.Comparator.reverseOrder()).toList();
        }
    }

    /** The bytes of a file in a release, when the id is well-formed and the file exists. */
    public Optional<byte[]> file(String releaseId, String relative) throws IOException {
        Optional<Path> file = path(releaseId, relative);
        return file.isEmpty() ? Optional.empty() : Optional.of(Files.readAllBytes(file.get()));
    }

    /** Where a file of a release is, for streaming large ones; empty unless it exists inside the release. */
    public Optional<Path> path(String releaseId, String relative) {
        if (!valid(releaseId)) {
            return Optional.empty();
        }
        Path file = Path.of(layout.release(releaseId)).resolve(relative).normalize();
        if (!file.startsWith(Path.of(layout.release(releaseId)).normalize()) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(file);
    }

    public Optional<byte[]> estimatesJson(String releaseId) throws IOException {
        return file(releaseId, "estimates/estimates.json");
    }

    public Optional<byte[]> manifestJson(String releaseId) throws IOException {
        return file(releaseId, "manifest.json");
    }

    /**
     * Removes what a failed or interrupted run left in releases/: its working folder, and its release folder
     * if the run died after renaming it into place but before switching CURRENT (it was never published).
     * The current release is never touched.
     */
    public void discardUnpublished(String runId) throws IOException {
        if (!valid(runId)) {
            return;
        }
        Folders.deleteRecursively(Path.of(layout.releases(), ".tmp-" + runId));
        if (!currentId().map(runId::equals).orElse(false)) {
            Folders.deleteRecursively(Path.of(layout.release(runId)));
        }
    }

    /** Start-up: working folders of runs that cannot be going any more (none is, before serving). */
    public int sweepWorkingFolders() throws IOException {
        Path root = Path.of(layout.releases());
        if (!Files.isDirectory(root)) {
            return 0;
        }
        List<Path> working;
        try (Stream<Path> children = Files.list(root)) {
            working = children.filter(p -> p.getFileName().toString().startsWith(".tmp-")).toList();
        }
        for (Path p : working) {
            Folders.deleteRecursively(p);
        }
        return working.size();
    }

    public static boolean valid(String id) {
        return id != null && RELEASE_ID.matcher(id).matches();
    }
}
