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
 * seen at once; beyond that, the table is written out as the first sorted run, later (hash, row) pairs
 * are sorted in chunks and spilled to files in {@code spillDirectory}, and {@link #finish} merges them
 * to find every repeat among the later rows. Later values are not looked up in the table as they come:
 * at ten million rows those random reads of a 32 MB table were a sixth of the upload's validating
 * thread (stack samples of {@code bench/intake}), and the merge finds the same repeats.
 */
final class SeenValues implements Closeable {

    /**
     * A 4 MB table: files up to a quarter of a million rows have their repeats reported at once, with the value. A
     * larger table only made inserting slower (each a cache miss: at 2 million values, 32 MB, the table phase was a
     * sixth of the validating thread's samples at 10M rows), where sorting chunks reads and writes memory in order.
     */
    static final int DEFAULT_IN_MEMORY = 1 << 18;
    private static final int CHUNK = 1_000_000; // 16 MB of (hash, row) pairs, and as much again to sort them

    private final int inMemory;
    private final int chunkCapacity;
    private final Path spillDirectory;
    private long[] table = new long[1 << 12];
    private int size;
    private boolean seenZero;
    private long[] chunk;
    private long[] scratch;
    private int chunkSize;
    private final List<Path> runs = new ArrayList<>();

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
     * Writes the table's hashes as the first run, each with row -1 (before any later row of the same hash), sorted
     * in place in the table itself: no second copy of the table beside it in a small server heap.
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
        java.util.Arrays.sort(hashes, 0, n);
        try (RunWriter out = new RunWriter(newRun())) {
            boolean zeroWritten = !seenZero;
            for (int i = 0; i < n; i++) {
                if (!zeroWritten && hashes[i] > 0) {
                    out.write(0, -1);
                    zeroWritten = true;
                }
                out.write(hashes[i], -1);
            }
            if (!zeroWritten) {
                out.write(0, -1);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spill the values of a unique column to " + spillDirectory, e);
        }
    }

    /** Rows whose value repeats an earlier one, found only after spilling (empty when nothing spilled). */
    List<Long> finish() {
        if (chunk == null) {
            return List.of();
        }
        spill();
        List<Long> repeated = new ArrayList<>();
        int k = runs.size();
        RunReader[] inputs = new RunReader[k];
        try {
            for (int r = 0; r < k; r++) {
                inputs[r] = new RunReader(runs.get(r));
            }
            Heads heads = new Heads(inputs);
            long previous = 0;
            boolean any = false;
            while (!heads.isEmpty()) {
                long hash = heads.hash();
                if (any && hash == previous) {
                    repeated.add(heads.row());
                }
                previous = hash;
                any = true;
                heads.advance();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spilled values of a unique column", e);
        } finally {
            for (RunReader in : inputs) {
                try {
                    if (in != null) {
                        in.close();
                    }
                } catch (IOException ignored) {
                    // the run files are deleted in close()
                }
            }
        }
        repeated.sort(null);
        return repeated;
    }

    private void spill() {
        sortChunk();
        try (RunWriter out = new RunWriter(newRun())) {
            for (int i = 0; i < chunkSize; i++) {
                out.write(chunk[2 * i], chunk[2 * i + 1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spill the values of a unique column to " + spillDirectory, e);
        }
        chunkSize = 0;
    }

    private Path newRun() throws IOException {
        Path run = Files.createTempFile(spillDirectory, "unique-", ".run");
        runs.add(run);
        return run;
    }

    private static final int RADIX_BITS = 11;
    private static final int RADIX = 1 << RADIX_BITS;

    /**
     * Sorts the chunk's (hash, row) pairs by hash (signed, as the merge compares), then row: a least-significant-digit
     * radix sort, 6 passes of 11 bits, stable, so pairs of one hash keep the order of their rows, which were added in
     * order. It replaced a quicksort that was a sixth of the validating thread's samples at 10M rows. The scratch
     * array is the chunk's size, allocated once: the two hold less than the table and the chunk did together before
     * the table was spilled.
     */
    private void sortChunk() {
        if (scratch == null) {
            scratch = new long[chunk.length];
        }
        long[] from = chunk;
        long[] to = scratch;
        int[] count = new int[RADIX + 1];
        for (int shift = 0; shift < 64; shift += RADIX_BITS) {
            java.util.Arrays.fill(count, 0);
            for (int i = 0; i < chunkSize; i++) {
                count[digit(from[2 * i], shift) + 1]++;
            }
            for (int d = 0; d < RADIX; d++) {
                count[d + 1] += count[d];
            }
            for (int i = 0; i < chunkSize; i++) {
                int at = count[digit(from[2 * i], shift)]++;
                to[2 * at] = from[2 * i];
                to[2 * at + 1] = from[2 * i + 1];
            }
            long[] t = from;
            from = to;
            to = t;
        }
        // an even number of passes (6) leaves the sorted pairs in the chunk
    }

    /** The digit of a hash at {@code shift}, with the sign bit flipped so that unsigned digit order is signed order. */
    private static int digit(long hash, int shift) {
        return (int) (((hash ^ Long.MIN_VALUE) >>> shift) & (RADIX - 1));
    }

    /** Writes (hash, row) pairs to a run file through one byte buffer (not a stream call per value). */
    private static final class RunWriter implements Closeable {
        private final FileChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);

        RunWriter(Path file) throws IOException {
            channel = FileChannel.open(file, StandardOpenOption.WRITE);
        }

        void write(long hash, long row) throws IOException {
            if (buffer.remaining() < 16) {
                flush();
            }
            buffer.putLong(hash).putLong(row);
        }

        private void flush() throws IOException {
            buffer.flip();
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            buffer.clear();
        }

        @Override
        public void close() throws IOException {
            try {
                flush();
            } finally {
                channel.close();
            }
        }
    }

    /**
     * The runs' current pairs in a binary min-heap of run indices ordered by (hash, row), kept in primitive arrays: no
     * object per pair read (ten million at 10M rows), and no boxed comparator (a PriorityQueue of run indices made the
     * merge half a second of an upload's tail, after every row was read).
     */
    private static final class Heads {
        private final RunReader[] runs;
        private final int[] heap;
        private int size;

        Heads(RunReader[] runs) throws IOException {
            this.runs = runs;
            this.heap = new int[runs.length];
            for (int r = 0; r < runs.length; r++) {
                if (runs[r].advance()) {
                    heap[size++] = r;
                }
            }
            for (int i = size / 2 - 1; i >= 0; i--) {
                siftDown(i);
            }
        }

        boolean isEmpty() {
            return size == 0;
        }

        long hash() {
            return runs[heap[0]].hash;
        }

        long row() {
            return runs[heap[0]].row;
        }

        /** Moves the smallest run on to its next pair (or drops it at its end). */
        void advance() throws IOException {
            if (!runs[heap[0]].advance()) {
                heap[0] = heap[--size];
            }
            if (size > 0) {
                siftDown(0);
            }
        }

        private void siftDown(int i) {
            int moving = heap[i];
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && less(heap[child + 1], heap[child])) {
                    child++;
                }
                if (!less(heap[child], moving)) {
                    break;
                }
                heap[i] = heap[child];
                i = child;
            }
            heap[i] = moving;
        }

        private boolean less(int a, int b) {
            RunReader x = runs[a];
            RunReader y = runs[b];
            return x.hash != y.hash ? x.hash < y.hash : x.row < y.row;
        }
    }

    /** Reads a run file's pairs in order, a buffer at a time. */
    private static final class RunReader implements Closeable {
        private final FileChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        long hash;
        long row;

        RunReader(Path file) throws IOException {
            channel = FileChannel.open(file, StandardOpenOption.READ);
            buffer.limit(0);
        }

        /** Reads the next pair into {@link #hash} and {@link #row}; false at the end. */
        boolean advance() throws IOException {
            if (buffer.remaining() < 16) {
                buffer.compact();
                while (buffer.position() < 16 && channel.read(buffer) >= 0) {
                    // until a whole pair or the end of the file
                }
                buffer.flip();
                if (buffer.remaining() < 16) {
                    return false;
                }
            }
            hash = buffer.getLong();
            row = buffer.getLong();
            return true;
        }

        @Override
        public void close() throws IOException {
            channel.close();
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
        for (Path run : runs) {
            try {
                Files.deleteIfExists(run);
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
