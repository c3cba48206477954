package org.darkfigure.validate;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds repeated values of a unique column in bounded memory, whatever the file's size. Values are
 * kept as 64-bit hashes (two different values collide with probability about n^2 / 2^65: 3e-6 for
 * ten million rows). Up to {@code inMemory} values live in an open-addressing table and repeats are
 * seen at once; beyond that, the table is written out as the first run, later (hash, row) pairs are
 * gathered in chunks, and each chunk is spilled to a file in {@code spillDirectory} as one run, its pairs
 * grouped into {@value #BUCKETS} buckets by the hash's top bits (one stable counting pass: within a bucket
 * the pairs keep their rows' order). {@link #finish} then takes one bucket at a time from every run, in the
 * runs' order, so rows arrive in file order, and finds the repeats with a small hash set that fits in cache; the
 * buckets are shared between two threads. Later values are not looked up in the table as they come: at ten
 * million rows those random reads of a 32 MB table were a sixth of the upload's validating thread (stack samples
 * of {@code bench/intake}), and the buckets find the same repeats.
 *
 * <p>Buckets replaced sorted runs and a k-way merge (issue 20): sorting each chunk took six radix passes over it on
 * the validating thread, and the merge was a sequential 0.37 s at the end of a 10M-row upload, after every row had
 * been read.
 */
final class SeenValues implements Closeable {

    /**
     * A 4 MB table: files up to a quarter of a million rows have their repeats reported at once, with the value. A
     * larger table only made inserting slower (each a cache miss: at 2 million values, 32 MB, the table phase was a
     * sixth of the validating thread's samples at 10M rows), where gathering chunks reads and writes memory in order.
     */
    static final int DEFAULT_IN_MEMORY = 1 << 18;
    private static final int CHUNK = 1_000_000; // 16 MB of (hash, row) pairs, and as much again to group them
    private static final int BUCKET_BITS = 8;
    static final int BUCKETS = 1 << BUCKET_BITS;
    /** Threads that look for repeats at the end (the upload's other threads are done by then). */
    private static final int FINISHING_THREADS = 2;

    private final int inMemory;
    private final int chunkCapacity;
    private final Path spillDirectory;
    private long[] table = new long[1 << 12];
    private int size;
    private boolean seenZero;
    private long[] chunk;
    private long[] scratch;
    private int chunkSize;
    private final List<Run> runs = new ArrayList<>();

    /** A spilled run: its file and where each bucket starts, in pairs ({@code start[BUCKETS]} is the run's size). */
    private record Run(Path file, long[] start) {
    }

    SeenValues() {
        this(DEFAULT_IN_MEMORY, null);
    }

    SeenValues(int inMemory, Path spillDirectory) {
        this(inMemory, spillDirectory, CHUNK);
    }

    SeenValues(int inMemory, Path spillDirectory, int chunkCapacity) {
        this.inMemory = inMemory;
        this.spillDirectory = spillDirectory;
        this.chunkCapacity = chunkCapacity;
    }

    /** False when the value was certainly seen before; true when it is new or (after spilling) not yet known. */
    boolean add(String value, long row) {
        long h = hash(value);
        if (chunk != null) {
            if (chunkSize == chunkCapacity) {
                spill();
            }
            chunk[2 * chunkSize] = h;
            chunk[2 * chunkSize + 1] = row;
            chunkSize++;
            return true;
        }
        if (!insert(h)) {
            return false;
        }
        if (size >= inMemory && spillDirectory != null) {
            spillTable();
            chunk = new long[2 * chunkCapacity];
        }
        return true;
    }

    /**
     * Writes the table's hashes as the first run, each with row -1 (before any later row of the same hash): 8 MB of
     * pairs and scratch for a full table, less than the chunk and its scratch (32 MB) that follow it.
     */
    private void spillTable() {
        long[] hashes = table;
        table = null;
        int n = 0;
        for (int i = 0; i < hashes.length; i++) {
            if (hashes[i] != 0) {
                hashes[n++] = hashes[i];
            }
        }
        long[] pairs = new long[2 * (n + (seenZero ? 1 : 0))];
        for (int i = 0; i < n; i++) {
            pairs[2 * i] = hashes[i];
            pairs[2 * i + 1] = -1;
        }
        if (seenZero) {
            pairs[2 * n] = 0;
            pairs[2 * n + 1] = -1;
        }
        spill(pairs, pairs.length / 2, new long[pairs.length]);
    }

    /** Rows whose value repeats an earlier one, found only after spilling (empty when nothing spilled), ascending. */
    List<Long> finish() {
        if (chunk == null) {
            return List.of();
        }
        spill();
        chunk = null;
        scratch = null;
        List<List<Long>> found = new ArrayList<>();
        List<Thread> helpers = new ArrayList<>();
        RuntimeException[] failure = new RuntimeException[FINISHING_THREADS];
        for (int t = 0; t < FINISHING_THREADS; t++) {
            List<Long> repeated = new ArrayList<>();
            found.add(repeated);
            int first = t * BUCKETS / FINISHING_THREADS;
            int last = (t + 1) * BUCKETS / FINISHING_THREADS;
            int slot = t;
            Runnable work = () -> {
                try {
                    repeatsIn(first, last, repeated);
                } catch (RuntimeException e) {
                    failure[slot] = e;
                }
            };
            if (t == FINISHING_THREADS - 1) {
                work.run();
            } else {
                Thread helper = new Thread(work, "unique-values-" + t);
                helper.start();
                helpers.add(helper);
            }
        }
        for (Thread helper : helpers) {
            try {
                helper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while looking for repeated values", e);
            }
        }
        for (RuntimeException e : failure) {
            if (e != null) {
                throw e;
            }
        }
        List<Long> repeated = new ArrayList<>();
        found.forEach(repeated::addAll);
        repeated.sort(null);
        return repeated;
    }

    /** The repeated rows among buckets {@code first} (inclusive) to {@code last}: each bucket of every run, in order. */
    private void repeatsIn(int first, int last, List<Long> repeated) {
        long largest = 0;
        for (int b = first; b < last; b++) {
            long pairs = 0;
            for (Run run : runs) {
                pairs += run.start()[b + 1] - run.start()[b];
            }
            largest = Math.max(largest, pairs);
        }
        HashSet set = new HashSet(largest);
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        FileChannel[] channels = new FileChannel[runs.size()];
        try {
            for (int r = 0; r < channels.length; r++) {
                channels[r] = FileChannel.open(runs.get(r).file(), StandardOpenOption.READ);
            }
            for (int b = first; b < last; b++) {
                set.clear();
                for (int r = 0; r < channels.length; r++) {
                    long from = runs.get(r).start()[b] * 16;
                    long to = runs.get(r).start()[b + 1] * 16;
                    while (from < to) {
                        buffer.clear();
                        buffer.limit((int) Math.min(buffer.capacity(), to - from));
                        while (buffer.hasRemaining()) {
                            if (channels[r].read(buffer, from + buffer.position()) < 0) {
                                throw new IOException("a run of a unique column's values ended early");
                            }
                        }
                        buffer.flip();
                        from += buffer.limit();
                        while (buffer.hasRemaining()) {
                            long hash = buffer.getLong();
                            long row = buffer.getLong();
                            if (!set.add(hash)) {
                                repeated.add(row);
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spilled values of a unique column", e);
        } finally {
            for (FileChannel channel : channels) {
                try {
                    if (channel != null) {
                        channel.close();
                    }
                } catch (IOException ignored) {
                    // the run files are deleted in close()
                }
            }
        }
    }

    private void spill() {
        if (scratch == null) {
            scratch = new long[chunk.length];
        }
        spill(chunk, chunkSize, scratch);
        chunkSize = 0;
    }

    /**
     * Writes {@code n} (hash, row) pairs as a run, grouped by bucket in one stable counting pass through
     * {@code scratch}.
     */
    private void spill(long[] pairs, int n, long[] scratch) {
        long[] start = new long[BUCKETS + 1];
        for (int i = 0; i < n; i++) {
            start[bucket(pairs[2 * i]) + 1]++;
        }
        for (int b = 0; b < BUCKETS; b++) {
            start[b + 1] += start[b];
        }
        long[] at = start.clone();
        for (int i = 0; i < n; i++) {
            int to = (int) at[bucket(pairs[2 * i])]++;
            scratch[2 * to] = pairs[2 * i];
            scratch[2 * to + 1] = pairs[2 * i + 1];
        }
        try {
            Path file = Files.createTempFile(spillDirectory, "unique-", ".run");
            runs.add(new Run(file, start));
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
                for (int i = 0; i < n; i++) {
                    if (buffer.remaining() < 16) {
                        write(out, buffer);
                    }
                    buffer.putLong(scratch[2 * i]).putLong(scratch[2 * i + 1]);
                }
                write(out, buffer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spill the values of a unique column to " + spillDirectory, e);
        }
    }

    private static void write(FileChannel out, ByteBuffer buffer) throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
        buffer.clear();
    }

    private static int bucket(long hash) {
        return (int) (hash >>> (64 - BUCKET_BITS));
    }

    /**
     * A set of 64-bit hashes by open addressing, cleared between buckets. The hashes of one bucket share their top
     * bits, so the slot comes from the low bits, after a mix.
     */
    private static final class HashSet {
        private final long[] slots;
        private final int mask;
        private boolean zero;

        HashSet(long capacity) {
            int n = Integer.highestOneBit((int) Math.max(16, Math.min(1L << 29, 2 * capacity)) - 1) << 1;
            slots = new long[n];
            mask = n - 1;
        }

        void clear() {
            java.util.Arrays.fill(slots, 0);
            zero = false;
        }

        /** False if the hash was there already. */
        boolean add(long h) {
            if (h == 0) {
                boolean fresh = !zero;
                zero = true;
                return fresh;
            }
            int i = (int) (mix(h) & mask);
            while (slots[i] != 0) {
                if (slots[i] == h) {
                    return false;
                }
                i = (i + 1) & mask;
            }
            slots[i] = h;
            return true;
        }
    }

    private boolean insert(long h) {
        if (h == 0) {
            boolean fresh = !seenZero;
            seenZero = true;
            return fresh;
        }
        if (size * 2 >= table.length) {
            grow();
        }
        int mask = table.length - 1;
        int i = (int) (mix(h) & mask);
        while (table[i] != 0) {
            if (table[i] == h) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[i] = h;
        size++;
        return true;
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        int mask = table.length - 1;
        for (long h : old) {
            if (h != 0) {
                int i = (int) (mix(h) & mask);
                while (table[i] != 0) {
                    i = (i + 1) & mask;
                }
                table[i] = h;
            }
        }
    }

    @Override
    public void close() {
        for (Run run : runs) {
            try {
                Files.deleteIfExists(run.file());
            } catch (IOException ignored) {
                // a leftover run file in the upload's work folder goes with the folder
            }
        }
        runs.clear();
    }

    /** FNV-1a over the UTF-16 units, finished with a murmur mix. */
    private static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return mix(h ^ s.length());
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
