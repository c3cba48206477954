package org.darkfigure.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The progress stream a run reports to whoever launched it: one line per event on standard output,
 * {@code PROGRESS {json}}, which the API reads into the run's record.
 */
public final class Progress {

    public static final String PREFIX = "PROGRESS ";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;

    public Progress(PrintStream out) {
        this.out = out;
    }

    public void stage(String stage, String state, int done, int of) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("stage", stage);
        event.put("state", state);
        event.put("done", done);
        event.put("of", of);
        emit(event);
    }

    public void published(String releaseId) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("stage", "publish");
        event.put("state", "published");
        event.put("releaseId", releaseId);
        emit(event);
    }

    private void emit(Map<String, Object> event) {
        try {
            out.println(PREFIX + JSON.writeValueAsString(event));
            out.flush();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
