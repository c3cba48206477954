package org.darkfigure.intake;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.darkfigure.standard.RecordType;

/**
 * Writes validated rows to staged Parquet in a folder, on writer threads of their own (one Parquet
 * part file each), so that reading and validating the next rows overlaps with encoding the last ones:
 * encoding costs about twice as much as validating. Rows travel in batches through small bounded
 * queues, so memory stays bounded whatever the file size. {@link #close} waits for the writers and
 * rethrows a failure. The order of rows across part files is not kept (nothing depends on it).
 */
final class StagingWriter implements Closeable {

    private static final int BATCH = 4096;
    private static final List<Object[]> END = List.of();

    private final List<BlockingQueue<List<Object[]>>> queues = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile Exception failure;
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
            BlockingQueue<List<Object[]>> queue = new ArrayBlockingQueue<>(4);
            StagedParquetWriter writer = new StagedParquetWriter(folder.resolve(String.format("part-%05d.parquet", w)),
                    type, written, submissionId);
            Thread thread = new Thread(() -> {
                try (writer) {
                    for (List<Object[]> rows; (rows = queue.take()) != END; ) {
                        for (Object[] row : rows) {
                            writer.write(row);
                        }
                    }
                } catch (Exception e) {
                    failure = e;
                    queue.clear();
                }
            }, "staging-writer-" + w);
            thread.setDaemon(true);
            thread.start();
            queues.add(queue);
            threads.add(thread);
        }
    }

    void write(Object[] row) throws IOException {
        batch.add(row);
        if (batch.size() == BATCH) {
            put(queues.get(next), threads.get(next), batch);
            next = (next + 1) % queues.size();
            batch = new ArrayList<>(BATCH);
        }
    }

    private void put(BlockingQueue<List<Object[]>> queue, Thread thread, List<Object[]> rows) throws IOException {
        try {
            while (failure == null && !queue.offer(rows, 100, TimeUnit.MILLISECONDS)) {
                if (!thread.isAlive()) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while staging rows", e);
        }
        if (failure != null) {
            throw new IOException("writing the staged Parquet failed: " + failure.getMessage(), failure);
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (!batch.isEmpty()) {
            put(queues.get(next), threads.get(next), batch);
        }
        for (int w = 0; w < queues.size(); w++) {
            put(queues.get(w), threads.get(w), END);
        }
        try {
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while staging rows", e);
        }
        if (failure != null) {
            throw new IOException("writing the staged Parquet failed: " + failure.getMessage(), failure);
        }
    }
}
