package org.darkfigure.registry;

import java.time.OffsetDateTime;

/** A registered submission: identity, slice, revision, checksum, where its bytes and rows are, and its report. */
public record Submission(String id, String country, String source, String recordType, int schemaVersion,
                         String period, int revision, SubmissionStatus status, String supersededBy, String sha256,
                         long bytes, long rows, String format, String rawPath, String stagedPath, String reportJson,
                         OffsetDateTime receivedAt, int profileVersion) {
}
