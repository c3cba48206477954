package org.darkfigure.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.darkfigure.manifest.ManifestJson;
import org.darkfigure.manifest.ReleaseManifest;
import org.darkfigure.manifest.RunInput;
import org.darkfigure.manifest.RunManifest;
import org.darkfigure.manifest.StageReport;
import org.darkfigure.manifest.StorageLayout;
import org.darkfigure.release.spark.PublishStage;
import org.darkfigure.spark.Storage;

/**
 * Re-runs a published release from its manifest (same inputs, checked by SHA-256, same parameters, seed and
 * national profiles) into {@code reproductions/}, and compares the result with the release: every estimate,
 * interval, total and linkage-sensitivity figure, every count of the detection tables, and every stage's row counts.
 */
public final class Reproduction {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** What a reproduction found: input problems (then nothing ran) or differences (empty: reproduced exactly). */
    public record Outcome(String releaseId, String reproductionId, List<String> inputProblems, List<String> differences,
                          int strataCompared) {

        public boolean identical() {
            return inputProblems.isEmpty() && differences.isEmpty();
        }
    }

    private Reproduction() {
    }

    public static Outcome reproduce(SparkSession spark, Storage storage, StorageLayout layout, String releaseId,
                                    Progress progress) throws Exception {
        String manifestPath = layout.release(releaseId) + "/" + PublishStage.MANIFEST;
        if (!storage.exists(manifestPath)) {
            throw new IllegalArgumentException("no release " + releaseId + " under " + layout.releases()
                    + " (a release folder holds " + PublishStage.MANIFEST + ")");
        }
        ReleaseManifest release;
        try (InputStream in = storage.open(manifestPath)) {
            release = ManifestJson.read(in, ReleaseManifest.class);
        }
        List<String> problems = checkInputs(storage, layout, release.inputs());
        if (!problems.isEmpty()) {
            return new Outcome(releaseId, null, problems, List.of(), 0);
        }
        String id = releaseId + "-reproduced-" + COMPACT.format(Instant.now());
        RunManifest run = new RunManifest(id, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), layout.root(),
                release.seed(), release.parameters(), release.inputs(), release.profiles());
        ReleaseManifest again = PipelineJob.run(spark, storage, run, progress, true);
        List<String> differences = differences(storage, layout.release(releaseId), release, layout.reproduction(id), again);
        return new Outcome(releaseId, id, List.of(), differences, estimates(storage, layout.release(releaseId))
                .path("strata").size());
    }

    /**
     * Every figure of the release in {@code folder} that differs in {@code otherFolder}: the estimates, the detection
     * and published tables, and the stages' counts, each named by its path.
     */
    static List<String> differences(Storage storage, String folder, ReleaseManifest release, String otherFolder,
                                    ReleaseManifest other) throws IOException {
        List<String> differences = new ArrayList<>();
        compare("estimates.json", estimates(storage, folder), estimates(storage, otherFolder), differences);
        // releases made before the detection tables or the published tables have none of them
        for (String file : List.of(StorageLayout.DETECTION_TABLES, StorageLayout.PUBLISHED_ESTIMATES,
                StorageLayout.PUBLISHED_DETECTIONS)) {
            if (storage.exists(folder + "/" + file)) {
                try (InputStream a = storage.open(folder + "/" + file);
                     InputStream b = storage.open(otherFolder + "/" + file)) {
                    compare(file.substring(file.lastIndexOf('/') + 1), withoutIdentity(JSON.readTree(a)),
                            withoutIdentity(JSON.readTree(b)), differences);
                }
            }
        }
        compareStages(release.stages(), other.stages(), differences);
        return differences;
    }

    /** Every input's staged rows exist and its raw file still has the checksum the release recorded. */
    static List<String> checkInputs(Storage storage, StorageLayout layout, List<RunInput> inputs) throws IOException {
        List<String> problems = new ArrayList<>();
        for (RunInput input : inputs) {
            if (!storage.exists(input.stagedPath())) {
                problems.add("submission " + input.submissionId() + ": its staged rows are gone (" + input.stagedPath() + ")");
                continue;
            }
            String rawFolder = layout.raw() + "/" + input.submissionId();
            if (!storage.exists(rawFolder)) {
                problems.add("submission " + input.submissionId() + ": its raw file is gone (" + rawFolder + ")");
                continue;
            }
            FileSystem fs = storage.fileSystem(rawFolder);
            FileStatus[] files = fs.listStatus(new org.apache.hadoop.fs.Path(Storage.qualify(rawFolder)));
            if (files.length != 1) {
                problems.add("submission " + input.submissionId() + ": expected one raw file in " + rawFolder
                        + ", found " + files.length);
                continue;
            }
            String sha = sha256(fs.open(files[0].getPath()));
            if (!sha.equals(input.sha256())) {
                problems.add("submission " + input.submissionId() + ": raw file " + files[0].getPath().getName()
                        + " has SHA-256 " + sha + " but the release read " + input.sha256());
            }
        }
        return problems;
    }

    private static String sha256(InputStream raw) throws IOException {
        try (InputStream in = new DigestInputStream(raw, MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode estimates(Storage storage, String folder) throws IOException {
        try (InputStream in = storage.open(folder + "/estimates/estimates.json")) {
            return withoutIdentity(JSON.readTree(in));
        }
    }

    /** Identity and time of the run: the only fields meant to differ. */
    private static JsonNode withoutIdentity(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("releaseId");
            object.remove("createdAt");
        }
        return node;
    }

    /** Exact comparison (numbers as written, so to the last digit), reporting the JSON path of each difference. */
    static void compare(String path, JsonNode a, JsonNode b, List<String> out) {
        if (out.size() >= 50) {
            return;
        }
        if (a.isObject() && b.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = a.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                compare(path + "." + f.getKey(), f.getValue(), b.path(f.getKey()), out);
            }
            // a field only in the reproduction is something a later version adds (e.g. a quality flag), not a
            // figure that changed: every figure of the release is compared above
        } else if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                compare(path + "[" + i + "]", a.get(i), b.get(i), out);
            }
        } else if (!a.equals(b)) {
            out.add(path + ": release " + abbreviate(a) + ", reproduction " + abbreviate(b));
        }
    }

    private static String abbreviate(JsonNode n) {
        String s = n.isMissingNode() ? "(missing)" : n.toString();
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }

    private static void compareStages(List<StageReport> a, List<StageReport> b, List<String> out) {
        for (StageReport stage : a) {
            StageReport other = b.stream().filter(s -> s.stage().equals(stage.stage())).findFirst().orElse(null);
            if (other == null) {
                out.add("stage " + stage.stage() + ": missing in the reproduction");
            } else {
                // counts a later version added (e.g. strata by quality flag) are new measures, not differences
                stage.counts().forEach((name, n) -> {
                    if (!n.equals(other.counts().get(name))) {
                        out.add("stage " + stage.stage() + " count " + name + ": release " + n + ", reproduction "
                                + other.counts().get(name));
                    }
                });
            }
        }
    }
}
