package org.darkfigure.intake;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A thread that does one step of an upload (validating, encoding) on batches handed to it through a small bounded
 * queue, so that memory stays bounded whatever the file's size and the steps run side by side. A failure on the
 * thread stops it and is rethrown to the caller at its next {@link #put} or at {@link #finish}.
 */
final class BatchThread<T> implements Closeable {

    /** The step: called with each batch in order, then closed once, when the thread ends (however it ends). */
    interface Step<T> extends Closeable {
        void accept(List<T> batch) throws IOException;
    }

    private final List<T> end = List.of();
    private final BlockingQueue<List<T>> queue;
    private final Thread thread;
    private volatile Throwable failure;
    private boolean finished;

    BatchThread(String name, int queued, Step<T> step) {
        this.queue = new ArrayBlockingQueue<>(queued);
        this.thread = new Thread(() -> {
            try (step) {
                for (List<T> batch; (batch = queue.take()) != end; ) {
                    step.accept(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | RuntimeException | Error e) {
                failure = e;
                queue.clear();
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Hands a batch over (waits while the queue is full); rethrows the thread's failure. */
    void put(List<T> batch) throws IOException {
        try {
            while (failure == null && !queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                if (!thread.isAlive()) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while handing rows to " + thread.getName(), e);
        }
        rethrow();
    }

    /** Waits until every batch handed over is done and the step closed; rethrows the thread's failure. */
    void finish() throws IOException {
        put(end);
        finished = true;
        join();
        rethrow();
    }

    /** Stops the thread if the caller ended early (the body failed to arrive, or was too large). */
    @Override
    public void close() throws IOException {
        if (!finished) {
            finished = true;
            thread.interrupt();
            join();
        }
    }

    private void join() throws IOException {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + thread.getName(), e);
        }
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
}
