package org.darkfigure.validate;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

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

    static final int DEFAULT_IN_MEMORY = 2_000_000; // a 32 MB table
    private static final int CHUNK = 1_000_000; // 16 MB of (hash, row) pairs

    private final int inMemory;
    private final int chunkCapacity;
    private final Path spillDirectory;
    private long[] table = new long[1 << 12];
    private int size;
    private boolean seenZero;
    private long[] chunk;
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
        try {
            Path run = Files.createTempFile(spillDirectory, "unique-", ".run");
            runs.add(run);
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(run), 1 << 16))) {
                boolean zeroWritten = !seenZero;
                for (int i = 0; i < n; i++) {
                    if (!zeroWritten && hashes[i] > 0) {
                        out.writeLong(0);
                        out.writeLong(-1);
                        zeroWritten = true;
                    }
                    out.writeLong(hashes[i]);
                    out.writeLong(-1);
                }
                if (!zeroWritten) {
                    out.writeLong(0);
                    out.writeLong(-1);
                }
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
        long[] headHash = new long[k];
        long[] headRow = new long[k];
        // the runs' indices ordered by their current (hash, row): no object per pair read (ten million at 10M rows)
        PriorityQueue<Integer> heads = new PriorityQueue<>(Math.max(1, k), (a, b) -> headHash[a] != headHash[b]
                ? Long.compare(headHash[a], headHash[b]) : Long.compare(headRow[a], headRow[b]));
        List<DataInputStream> inputs = new ArrayList<>();
        try {
            for (int r = 0; r < k; r++) {
                DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(runs.get(r)), 1 << 16));
                inputs.add(in);
                if (advance(in, r, headHash, headRow)) {
                    heads.add(r);
                }
            }
            long previous = 0;
            boolean any = false;
            while (!heads.isEmpty()) {
                int r = heads.poll();
                if (any && headHash[r] == previous) {
                    repeated.add(headRow[r]);
                }
                previous = headHash[r];
                any = true;
                if (advance(inputs.get(r), r, headHash, headRow)) {
                    heads.add(r);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spilled values of a unique column", e);
        } finally {
            for (DataInputStream in : inputs) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // the run files are deleted in close()
                }
            }
        }
        repeated.sort(null);
        return repeated;
    }

    /** Reads run {@code r}'s next pair into the heads; false at its end. */
    private static boolean advance(DataInputStream in, int r, long[] headHash, long[] headRow) throws IOException {
        try {
            headHash[r] = in.readLong();
            headRow[r] = in.readLong();
            return true;
        } catch (EOFException e) {
            return false;
        }
    }

    private void spill() {
        sortPairs(chunk, 0, chunkSize - 1);
        try {
            Path run = Files.createTempFile(spillDirectory, "unique-", ".run");
            runs.add(run);
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(run), 1 << 16))) {
                for (int i = 0; i < chunkSize; i++) {
                    out.writeLong(chunk[2 * i]);
                    out.writeLong(chunk[2 * i + 1]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spill the values of a unique column to " + spillDirectory, e);
        }
        chunkSize = 0;
    }

    /** In-place quicksort of (hash, row) pairs by hash, then row. */
    private static void sortPairs(long[] a, int lo, int hi) {
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            long ph = a[2 * mid];
            long pr = a[2 * mid + 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (less(a[2 * i], a[2 * i + 1], ph, pr)) {
                    i++;
                }
                while (less(ph, pr, a[2 * j], a[2 * j + 1])) {
                    j--;
                }
                if (i <= j) {
                    long th = a[2 * i];
                    long tr = a[2 * i + 1];
                    a[2 * i] = a[2 * j];
                    a[2 * i + 1] = a[2 * j + 1];
                    a[2 * j] = th;
                    a[2 * j + 1] = tr;
                    i++;
                    j--;
                }
            }
            if (j - lo < hi - i) {
                sortPairs(a, lo, j);
                lo = i;
            } else {
                sortPairs(a, i, hi);
                hi = j;
            }
        }
    }

    private static boolean less(long h1, long r1, long h2, long r2) {
        return h1 != h2 ? h1 < h2 : r1 < r2;
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
