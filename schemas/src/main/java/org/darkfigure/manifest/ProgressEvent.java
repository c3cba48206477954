package org.darkfigure.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * One event of a run's progress stream, as the job prints it on standard output ({@code PROGRESS {json}}) and
 * the API reads it into the run's record: a stage started or finished ({@code done} of {@code of} stages), or
 * the release published.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProgressEvent(String stage, String state, Integer done, Integer of, String releaseId) {

    public static final String PREFIX = "PROGRESS ";
    /** The environment variable that tells a job which process started it (it stops when that one dies). */
    public static final String PARENT_PID = "DARKFIGURE_PARENT_PID";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static ProgressEvent stage(String stage, String state, int done, int of) {
        return new ProgressEvent(stage, state, done, of, null);
    }

    public static ProgressEvent published(String releaseId) {
        return new ProgressEvent("publish", "published", null, null, releaseId);
    }

    /** The line the job prints. */
    public String line() {
        try {
            return PREFIX + JSON.writeValueAsString(this);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The event of a line of a job's output; empty for any other line (Spark's logging, a stack trace). */
    public static Optional<ProgressEvent> of(String line) {
        if (line == null || !line.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(line.substring(PREFIX.length()), ProgressEvent.class));
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }
}
