package org.darkfigure.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Memory as the benchmarks report it (issue 20: the real peak, not one reading): the peak live heap (the heap
 * pools' usage after their last collection, sampled every 20 ms: used heap before collection mostly measures how
 * lazy the collector is with a large -Xmx), and the process's peak resident memory as the kernel counts it
 * ({@code VmHWM} of /proc/self/status: heap, off-heap buffers, metaspace, threads, everything Spark's local
 * executors use in this JVM). {@link #resetStagePeak()} starts a new stage's peak.
 */
final class HeapSampler extends Thread {
    private volatile long stagePeak;
    private volatile long overallPeak;

    HeapSampler() {
        setDaemon(true);
    }

    @Override
    public void run() {
        while (!isInterrupted()) {
            long used = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                    used += pool.getCollectionUsage().getUsed();
                }
            }
            stagePeak = Math.max(stagePeak, used);
            overallPeak = Math.max(overallPeak, used);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    long resetStagePeak() {
        long peak = stagePeak;
        stagePeak = 0;
        return peak / (1024 * 1024);
    }

    long overallPeakMb() {
        return overallPeak / (1024 * 1024);
    }

    /** The process's peak resident set in MB (VmHWM), or -1 where /proc is not there. */
    static long peakResidentMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
