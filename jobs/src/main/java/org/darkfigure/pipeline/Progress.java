package org.darkfigure.pipeline;

import java.io.PrintStream;
import org.darkfigure.manifest.ProgressEvent;

/**
 * The progress stream a run reports to whoever launched it: one {@link ProgressEvent} line per event on
 * standard output, which the API reads into the run's record.
 */
public final class Progress {

    public static final String PREFIX = ProgressEvent.PREFIX;

    private final PrintStream out;

    public Progress(PrintStream out) {
        this.out = out;
    }

    public void stage(String stage, String state, int done, int of) {
        emit(ProgressEvent.stage(stage, state, done, of));
    }

    /** Progress within a stage: what it is doing, and how far where it can count ({@code count} may be null). */
    public void within(String stage, String detail, Long count, Long total, String unit) {
        emit(ProgressEvent.within(stage, detail, count, total, unit));
    }

    public void published(String releaseId) {
        emit(ProgressEvent.published(releaseId));
    }

    /** One event, as a line (stages may report from several threads). */
    public synchronized void emit(ProgressEvent event) {
        out.println(event.line());
        out.flush();
    }
}
