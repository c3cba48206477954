package org.darkfigure.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * One event of a run's progress stream, as the job prints it on standard output ({@code PROGRESS {json}}) and
 * the API reads it into the run's record: a stage started or finished ({@code done} of {@code of} stages), the
 * release published, or progress within a stage (state {@code running}: what it is doing in words, and where
 * it can count them, {@code count} of {@code total} {@code unit}, e.g. 12 of 40 strata).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProgressEvent(String stage, String state, Integer done, Integer of, String releaseId, String detail,
                            Long count, Long total, String unit) {

    /** Progress within a stage; {@code count}, {@code total} and {@code unit} may be null where nothing is counted. */
    public static ProgressEvent within(String stage, String detail, Long count, Long total, String unit) {
        return new ProgressEvent(stage, "running", null, null, null, detail, count, total, unit);
    }

    /** Whether this is progress within a stage (rather than a stage's start or end); not a field of the line. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isWithin() {
        return "running".equals(state);
    }

    public static final String PREFIX = "PROGRESS ";
    /** The environment variable that tells a job which process started it (it stops when that one dies). */
    public static final String PARENT_PID = "DARKFIGURE_PARENT_PID";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static ProgressEvent stage(String stage, String state, int done, int of) {
        return new ProgressEvent(stage, state, done, of, null, null, null, null, null);
    }

    public static ProgressEvent published(String releaseId) {
        return new ProgressEvent("publish", "published", null, null, releaseId, null, null, null, null);
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
