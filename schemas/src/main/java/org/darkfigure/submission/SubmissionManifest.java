package org.darkfigure.submission;

/**
 * What a submitter declares about a file: whose data it is (country, source), what it holds
 * (record type at a schema version) and for when (reporting period). Raw text as received;
 * {@link ManifestCheck} says whether it is acceptable.
 */
public record SubmissionManifest(String country, String source, String recordType, String period,
                                 String schemaVersion) {

    /** The slice a submission replaces: a newer accepted submission for the same key supersedes. */
    public String sliceKey() {
        return String.join("|", country, source, recordType, period);
    }
}
