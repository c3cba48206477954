package org.darkfigure.intake;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.darkfigure.read.RawRecord;
import org.darkfigure.validate.RecordValidator;
import org.darkfigure.validate.ValidationReport;

/**
 * Validates rows on a thread of its own and hands the accepted ones to the staging writer, so that the
 * request's thread only reads the body and splits it into records: reading, validating and encoding then
 * run side by side (at ten million rows the request's thread did all of reading and validating and was
 * the upload's bottleneck, the writer threads idle half the time). Records travel in batches through a
 * small bounded queue, in file order, so the report is the same as validating them in line.
 */
final class ValidatingThread implements Closeable {

    private static final int BATCH = 1024;
    private static final List<RawRecord> END = List.of();

    private final BlockingQueue<List<RawRecord>> queue = new ArrayBlockingQueue<>(8);
    private final Thread thread;
    private volatile Throwable failure;
    private List<RawRecord> batch = new ArrayList<>(BATCH);
    private boolean ended;

    ValidatingThread(RecordValidator validator, StagingWriter writer, ValidationReport.Collector report) {
        thread = new Thread(() -> {
            try {
                for (List<RawRecord> rows; (rows = queue.take()) != END; ) {
                    for (RawRecord record : rows) {
                        Object[] typed = validator.acceptRow(record);
                        if (typed != null && report.errors() == 0) {
                            writer.write(typed);
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | RuntimeException | Error e) {
                failure = e;
                queue.clear();
            }
        }, "upload-validator");
        thread.setDaemon(true);
        thread.start();
    }

    void add(RawRecord record) throws IOException {
        batch.add(record);
        if (batch.size() == BATCH) {
            put(batch);
            batch = new ArrayList<>(BATCH);
        }
    }

    /** Waits until every record added has been validated (and handed to the writer); rethrows a failure. */
    void finish() throws IOException {
        if (!batch.isEmpty()) {
            put(batch);
            batch = new ArrayList<>(BATCH);
        }
        put(END);
        ended = true;
        join();
        rethrow();
    }

    private void put(List<RawRecord> rows) throws IOException {
        try {
            while (failure == null && !queue.offer(rows, 100, TimeUnit.MILLISECONDS)) {
                if (!thread.isAlive()) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while validating rows", e);
        }
        rethrow();
    }

    private void rethrow() throws IOException {
        Throwable f = failure;
        if (f instanceof IOException e) {
            throw e;
        } else if (f instanceof RuntimeException e) {
            throw e;
        } else if (f instanceof Error e) {
            throw e;
        }
    }

    private void join() throws IOException {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while validating rows", e);
        }
    }

    /** Stops the thread when the request ended early (the body failed to arrive, or was too large). */
    @Override
    public void close() throws IOException {
        if (!ended) {
            ended = true;
            thread.interrupt();
            join();
        }
    }
}
