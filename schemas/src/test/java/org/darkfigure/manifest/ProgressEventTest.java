package org.darkfigure.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The progress lines a job prints are read back as they were written, old lines included. */
class ProgressEventTest {

    @Test
    void every_kind_of_event_reads_back_as_written() {
        for (ProgressEvent event : new ProgressEvent[] {ProgressEvent.stage("link", "started", 1, 4),
                ProgressEvent.published("r1"), ProgressEvent.within("estimate", "estimating each stratum", 12L, 40L, "strata"),
                ProgressEvent.within("link", "training the model", null, null, null)}) {
            assertEquals(event, ProgressEvent.of(event.line()).orElseThrow(), event.line());
        }
        assertTrue(ProgressEvent.of(ProgressEvent.within("link", "x", 1L, 2L, "records").line()).orElseThrow().isWithin());
        assertFalse(ProgressEvent.of(ProgressEvent.stage("link", "finished", 2, 4).line()).orElseThrow().isWithin());
    }

    @Test
    void a_line_from_before_progress_within_stages_still_reads() {
        assertEquals(ProgressEvent.stage("harmonise", "started", 0, 4),
                ProgressEvent.of("PROGRESS {\"stage\":\"harmonise\",\"state\":\"started\",\"done\":0,\"of\":4}").orElseThrow());
    }
}
