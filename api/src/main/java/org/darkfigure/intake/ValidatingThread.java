package org.darkfigure.intake;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.darkfigure.read.RawRecord;
import org.darkfigure.validate.RecordValidator;
import org.darkfigure.validate.ValidationReport;

/**
 * Validates rows on a thread of its own and hands the accepted ones to the staging writer, so that the
 * request's thread only reads the body and splits it into records: reading, validating and encoding then
 * run side by side (at ten million rows the request's thread did all of reading and validating and was
 * the upload's bottleneck, the writer threads idle half the time). Records travel in batches, in file
 * order, so the report is the same as validating them in line.
 */
final class ValidatingThread implements Closeable {

    private static final int BATCH = 1024;

    private final BatchThread<RawRecord> thread;
    private List<RawRecord> batch = new ArrayList<>(BATCH);

    ValidatingThread(RecordValidator validator, StagingWriter writer, ValidationReport.Collector report) {
        // a short queue, as the staging writers' (see there)
        thread = new BatchThread<>("upload-validator", 4, new BatchThread.Step<>() {
            @Override
            public void accept(List<RawRecord> rows) throws IOException {
                for (RawRecord record : rows) {
                    Object[] typed = validator.acceptRow(record);
                    if (typed != null && report.errors() == 0) {
                        writer.write(typed);
                    }
                }
            }

            @Override
            public void close() {
                // the validator and the writer belong to the caller
            }
        });
    }

    void add(RawRecord record) throws IOException {
        batch.add(record);
        if (batch.size() == BATCH) {
            thread.put(batch);
            batch = new ArrayList<>(BATCH);
        }
    }

    /** Waits until every record added has been validated (and handed to the writer); rethrows a failure. */
    void finish() throws IOException {
        if (!batch.isEmpty()) {
            thread.put(batch);
            batch = new ArrayList<>(BATCH);
        }
        thread.finish();
    }

    @Override
    public void close() throws IOException {
        thread.close();
    }
}
