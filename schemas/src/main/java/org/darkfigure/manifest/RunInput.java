package org.darkfigure.manifest;

/** One accepted submission that a pipeline run reads: identity, checksum and where its rows are staged. */
public record RunInput(String submissionId, String country, String source, String recordType, int schemaVersion,
                       String period, int revision, String sha256, String stagedPath, long rows, int profileVersion) {

    /** The key of this input's national profile in {@link RunManifest#profiles()}: COUNTRY/version. */
    public String profileKey() {
        return country + "/" + profileVersion;
    }
}
