package org.darkfigure.manifest;

/**
 * Where everything lives under the storage root ({@code DARKFIGURE_DATA}): a local folder or any
 * Hadoop file-system URI. This is the contract between the API (which writes raw/, staging/ and
 * runs/) and the jobs (which read staging/ and write releases/).
 */
public record StorageLayout(String root) {

    /** Name of the file in releases/ that holds the id of the current release. */
    public static final String CURRENT_POINTER = "CURRENT";
    /** In a release folder: the researcher downloads, and the file describing them. */
    public static final String RESEARCH = "research";
    public static final String RESEARCH_INDEX = RESEARCH + "/datasets.json";
    /** In a release folder: the detection tables (counts of incidents and offenders). */
    public static final String DETECTION_TABLES = "tables/detections.json";
    /**
     * In a release folder: the published tables, after disclosure control (made once, when the release is
     * published; everything a viewer sees is read from them).
     */
    /** The column the intake adds to every staged record (the submission it came from), which the jobs read. */
    public static final String STAGED_SUBMISSION_ID = "submission_id";
    public static final String PUBLISHED_ESTIMATES = "tables/published-estimates.json";
    public static final String PUBLISHED_DETECTIONS = "tables/published-detections.json";

    public StorageLayout {
        if (root == null || root.isBlank()) {
            throw new IllegalArgumentException("storage root is empty");
        }
        root = root.endsWith("/") && root.length() > 1 ? root.substring(0, root.length() - 1) : root;
    }

    public String raw() {
        return root + "/raw";
    }

    public String staging() {
        return root + "/staging";
    }

    public String incoming() {
        return root + "/incoming";
    }

    public String runs() {
        return root + "/runs";
    }

    public String releases() {
        return root + "/releases";
    }

    public String stagedSubmission(String submissionId) {
        return staging() + "/" + submissionId;
    }

    public String run(String runId) {
        return runs() + "/" + runId;
    }

    public String release(String releaseId) {
        return releases() + "/" + releaseId;
    }

    /** Re-runs of releases (reproduce command): compared with the release, never current. */
    public String reproductions() {
        return root + "/reproductions";
    }

    public String reproduction(String id) {
        return reproductions() + "/" + id;
    }

    public String currentPointer() {
        return releases() + "/" + CURRENT_POINTER;
    }
}
