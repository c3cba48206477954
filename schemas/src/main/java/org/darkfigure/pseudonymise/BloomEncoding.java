package org.darkfigure.pseudonymise;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;

/**
 * Bloom-filter encoding of names for privacy-preserving fuzzy matching (Schnell, Bachteler &amp;
 * Reiher 2009), hardened against frequency attacks by balancing (Schnell, Rukasz, Borgs, Brumme,
 * Grimm and Reiher 2016: the filter is concatenated with its complement, so every encoding has exactly
 * {@code BITS} ones whatever the name, then the positions are permuted with a key-dependent
 * permutation) and by keyed hashing (HMAC with the programme secret, so the bit positions of a
 * bigram cannot be computed without it).
 *
 * <p>Parameters: each name word is padded with a space on both sides and split into character
 * bigrams; each distinct bigram sets {@code HASHES} bits of a {@code BITS}-bit filter by double
 * hashing (two 32-bit halves of its HMAC). The balanced, permuted filter has 2 x BITS bits, written
 * as URL-safe base64. Similarity of two encodings is the Dice coefficient of their set bits.
 */
public final class BloomEncoding {

    public static final int BITS = 512;
    public static final int HASHES = 20;
    public static final int LENGTH = 2 * BITS;

    private final Mac bits;
    private final int[] permutation;

    public BloomEncoding(Keyring keys) {
        this(keys, "bloom");
    }

    /** An encoding for one purpose (names: "bloom"; dates of birth, documents...), with its own keys. */
    public BloomEncoding(Keyring keys, String purpose) {
        this.bits = keys.mac(purpose + "-bits/v1");
        this.permutation = permutation(keys.mac(purpose + "-permutation/v1"));
    }

    public String encode(List<String> tokens) {
        if (tokens.isEmpty()) {
            return "";
        }
        BitSet filter = new BitSet(BITS);
        java.util.Set<String> grams = new java.util.HashSet<>();
        for (String token : tokens) {
            String padded = " " + token + " ";
            for (int i = 0; i + 2 <= padded.length(); i++) {
                grams.add(padded.substring(i, i + 2));
            }
        }
        for (String gram : grams) {
            ByteBuffer h = ByteBuffer.wrap(bits.doFinal(gram.getBytes(StandardCharsets.UTF_8)));
            long h1 = h.getInt() & 0xffffffffL;
            long h2 = h.getInt() & 0xffffffffL;
            for (int i = 0; i < HASHES; i++) {
                filter.set((int) ((h1 + i * h2) % BITS));
            }
        }
        BitSet balanced = new BitSet(LENGTH);
        for (int i = 0; i < BITS; i++) {
            boolean on = filter.get(i);
            if (on) {
                balanced.set(permutation[i]);
            } else {
                balanced.set(permutation[BITS + i]);
            }
        }
        byte[] bytes = new byte[LENGTH / 8];
        byte[] raw = balanced.toByteArray();
        System.arraycopy(raw, 0, bytes, 0, raw.length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A key-dependent permutation of the 2 x BITS positions (Fisher–Yates driven by HMAC output). */
    private static int[] permutation(Mac mac) {
        int[] p = new int[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            p[i] = i;
        }
        for (int i = LENGTH - 1; i > 0; i--) {
            ByteBuffer h = ByteBuffer.wrap(mac.doFinal(Integer.toString(i).getBytes(StandardCharsets.UTF_8)));
            int j = (int) ((h.getLong() & Long.MAX_VALUE) % (i + 1));
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Decodes an encoding into its bits; empty for an empty or malformed value. */
    public static BitSet decode(String encoding) {
        if (encoding == null || encoding.isEmpty()) {
            return new BitSet();
        }
        try {
            return BitSet.valueOf(Base64.getUrlDecoder().decode(encoding));
        } catch (IllegalArgumentException e) {
            return new BitSet();
        }
    }

    /** Decodes an encoding into 64-bit words (empty for an empty or malformed value): the fast form for comparing. */
    public static long[] words(String encoding) {
        return decode(encoding).toLongArray();
    }

    /** Dice similarity of two encodings given as words: 2|A and B| / (|A| + |B|), without allocating. */
    public static double dice(long[] a, long[] b) {
        int both = 0;
        int total = 0;
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            long x = i < a.length ? a[i] : 0;
            long y = i < b.length ? b[i] : 0;
            both += Long.bitCount(x & y);
            total += Long.bitCount(x) + Long.bitCount(y);
        }
        return total == 0 ? 0 : 2.0 * both / total;
    }

    /**
     * Dice similarity of two balanced encodings, computed on the original half: balancing makes the
     * complement bits carry the same information, so 2|A∩B|/(|A|+|B|) over all bits is a monotone
     * function of the Hamming distance; it is 1 for equal names.
     */
    public static double dice(BitSet a, BitSet b) {
        int both = 0;
        BitSet and = (BitSet) a.clone();
        and.and(b);
        both = and.cardinality();
        int total = a.cardinality() + b.cardinality();
        return total == 0 ? 0 : 2.0 * both / total;
    }
}
