package org.darkfigure.validate;

/**
 * Remembers which values of a unique column were seen, as 64-bit hashes in an open-addressing
 * table: about 16 bytes per row instead of a String per row. Two different values collide with
 * probability about n^2 / 2^65 (3e-6 for ten million rows).
 */
final class SeenValues {

    private long[] table = new long[1 << 12];
    private int size;
    private boolean seenZero;

    /** True when the value was not seen before. */
    boolean add(String value) {
        long h = hash(value);
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
