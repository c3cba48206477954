package org.darkfigure.intake;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.darkfigure.standard.RecordType;

/**
 * Writes validated rows to staged Parquet in a folder, on writer threads of their own (one Parquet
 * part file each, a {@link BatchThread}), so that reading and validating the next rows overlaps with
 * encoding the last ones: encoding costs about as much as reading and validating together. {@link #close}
 * waits for the writers and rethrows a failure. The order of rows across part files is not kept (nothing depends on it).
 */
final class StagingWriter implements Closeable {

    /**
     * Rows per hand-over. Every row waiting in the writers' queues is copied by each young collection of a small heap:
     * batches of 4,096 held about 45,000 rows in flight, batches of 1,024 about 12,000 (with the other cuts of garbage
     * per row, the pauses of two 1M and one 10M upload fell from 2.3 s to 1.3-1.4 s).
     */
    private static final int BATCH = 1024;

    private final List<BatchThread<Object[]>> writers = new ArrayList<>();
    private List<Object[]> batch = new ArrayList<>(BATCH);
    private int next;
    private boolean closed;

    /** {@code written}: per field of the record type, whether the file has its column (see {@link StagedParquetWriter}). */
    StagingWriter(Path folder, RecordType type, boolean[] written, String submissionId) throws IOException {
        this(folder, type, written, submissionId, Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())));
    }

    StagingWriter(Path folder, RecordType type, boolean[] written, String submissionId, int writers) throws IOException {
        Files.createDirectories(folder);
        for (int w = 0; w < writers; w++) {
            StagedParquetWriter writer = new StagedParquetWriter(folder.resolve(String.format("part-%05d.parquet", w)),
                    type, written, submissionId);
            // two batches queued per writer, four for the validator: waiting rows are copied by every young collection
            // of the small heap, and deeper queues (16 and 32) took a 10M-row upload from about 9 to 11-12 s of CPU
            this.writers.add(new BatchThread<>("staging-writer-" + w, 2, new BatchThread.Step<>() {
                @Override
                public void accept(List<Object[]> rows) throws IOException {
                    for (Object[] row : rows) {
                        writer.write(row);
                    }
                }

                @Override
                public void close() throws IOException {
                    writer.close();
                }
            }));
        }
    }

    /** Called from one thread at a time. */
    void write(Object[] row) throws IOException {
        batch.add(row);
        if (batch.size() == BATCH) {
            writers.get(next).put(batch);
            next = (next + 1) % writers.size();
            batch = new ArrayList<>(BATCH);
        }
    }

    /** Writes what is left, waits for the writers to close their files, and rethrows a failure of any of them. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!batch.isEmpty()) {
                writers.get(next).put(batch);
            }
            for (BatchThread<Object[]> w : writers) {
                w.finish();
            }
        } finally {
            for (BatchThread<Object[]> w : writers) {
                w.close();
            }
        }
    }
}
