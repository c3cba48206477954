package org.darkfigure.link;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.darkfigure.pseudonymise.BloomEncoding;

/**
 * The blocking rules of one stratum's records, in memory: records sharing a linkage key, a birth-date
 * hash, a document hash or the sound of the name (issue 16: transliteration variants share few bigrams), and records whose name encodings agree on all bits of one LSH band (seeded bit
 * positions). Bands get more bits as strata grow, so that chance collisions of unrelated names grow about
 * linearly with the records instead of with their square. Records are addressed by their index in the
 * stratum's array; a candidate pair is packed as {@code (i << 32) | j} with {@code i < j}.
 */
public final class Blocking implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final List<String> RULES = List.of("linkage_key", "lk_dob_hash", "lk_doc_hash", "lk_name_ph", "name_lsh");
    /** The rules that block on one keyed value (the others band the name encodings). */
    private static final int KEYED_RULES = 4;
    /** Stratum size up to which bands have the base number of bits. */
    static final int BASE_STRATUM = 10_000;
    private static final int EXTRA_BITS = 16;

    private final int[][] positions;
    private final int baseBits;

    public Blocking(int bands, int bitsPerBand, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        positions = new int[bands][bitsPerBand + EXTRA_BITS];
        for (int[] band : positions) {
            for (int i = 0; i < band.length; i++) {
                band[i] = random.nextInt(BloomEncoding.LENGTH);
            }
        }
        baseBits = bitsPerBand;
    }

    /**
     * Bits per band for a stratum of {@code size} records: the base up to 10,000 records, then about 1.4 more
     * per doubling (unrelated encodings agree on a bit with probability about 0.6, and 0.6^1.4 is 1/2: the
     * expected chance pairs per record stay constant).
     */
    public int bitsFor(int size) {
        if (size <= BASE_STRATUM) {
            return baseBits;
        }
        int extra = (int) Math.round(1.4 * Math.log((double) size / BASE_STRATUM) / Math.log(2));
        return baseBits + Math.min(EXTRA_BITS, extra);
    }

    /** Pairs within blocks per rule (before removing pairs found by several rules) and the largest block. */
    public record RuleCounts(long[] pairs, long[] largest) implements Serializable {

        public static RuleCounts none() {
            return new RuleCounts(new long[RULES.size()], new long[RULES.size()]);
        }

        public RuleCounts plus(RuleCounts other) {
            long[] p = new long[RULES.size()];
            long[] l = new long[RULES.size()];
            for (int r = 0; r < p.length; r++) {
                p[r] = pairs[r] + other.pairs[r];
                l[r] = Math.max(largest[r], other.largest[r]);
            }
            return new RuleCounts(p, l);
        }
    }

    public RuleCounts count(LinkRecord[] records) {
        long[] pairs = new long[RULES.size()];
        long[] largest = new long[RULES.size()];
        for (int r = 0; r < RULES.size(); r++) {
            int rule = r;
            blocks(records, r, members -> {
                pairs[rule] += (long) members.length * (members.length - 1) / 2;
                largest[rule] = Math.max(largest[rule], members.length);
            });
        }
        return new RuleCounts(pairs, largest);
    }

    /** The distinct candidate pairs of all rules, sorted. */
    public long[] candidates(LinkRecord[] records) {
        int[] all = new int[RULES.size()];
        for (int r = 0; r < all.length; r++) {
            all[r] = r;
        }
        return candidates(records, all);
    }

    /** The distinct candidate pairs of the given rules (indices into {@link #RULES}), sorted. */
    public long[] candidates(LinkRecord[] records, int... rules) {
        long[][] buffer = {new long[1024]};
        int[] size = {0};
        for (int r : rules) {
            blocks(records, r, members -> {
                for (int x = 0; x < members.length; x++) {
                    for (int y = x + 1; y < members.length; y++) {
                        if (size[0] == buffer[0].length) {
                            buffer[0] = Arrays.copyOf(buffer[0], buffer[0].length * 2);
                        }
                        buffer[0][size[0]++] = ((long) members[x] << 32) | members[y];
                    }
                }
            });
        }
        long[] pairs = buffer[0];
        Arrays.sort(pairs, 0, size[0]);
        int distinct = 0;
        for (int i = 0; i < size[0]; i++) {
            if (i == 0 || pairs[i] != pairs[i - 1]) {
                pairs[distinct++] = pairs[i];
            }
        }
        return Arrays.copyOf(pairs, distinct);
    }

    /** Hands each block of rule {@code r} with two or more members (indices ascending) to {@code block}. */
    private void blocks(LinkRecord[] records, int r, Consumer<int[]> block) {
        if (r >= KEYED_RULES) {
            bands(records, block);
            return;
        }
        Map<String, IntList> blocks = new HashMap<>();
        for (int i = 0; i < records.length; i++) {
            LinkRecord rec = records[i];
            String key = r == 0 ? rec.linkageKey() : r == 1 ? rec.dobHash() : r == 2 ? rec.docHash() : rec.namePhonetic();
            if (key != null && !key.isEmpty()) {
                blocks.computeIfAbsent(key, k -> new IntList()).add(i);
            }
        }
        for (IntList g : blocks.values()) {
            if (g.size > 1) {
                block.accept(Arrays.copyOf(g.values, g.size));
            }
        }
    }

    /**
     * The LSH blocks, band by band: each record's band bits and index packed in one long ({@code bits << 32 | i}) and
     * sorted, so that a block is a run of equal bits with its indices ascending. (A hash map keyed by band and bits
     * spent a fifth of the linkage's time in collisions: the keys differ only in a few low bits.)
     */
    private void bands(LinkRecord[] records, Consumer<int[]> block) {
        int bits = bitsFor(records.length);
        long[] keys = new long[records.length];
        for (int[] band : positions) {
            int m = 0;
            for (int i = 0; i < records.length; i++) {
                long[] name = records[i].name();
                if (name == null || name.length == 0) {
                    continue;
                }
                long key = 0;
                for (int k = 0; k < bits; k++) {
                    int pos = band[k];
                    int word = pos >>> 6;
                    long bit = word < name.length ? (name[word] >>> (pos & 63)) & 1L : 0L;
                    key |= bit << k;
                }
                keys[m++] = (key << 32) | i;
            }
            Arrays.sort(keys, 0, m);
            for (int start = 0; start < m; ) {
                int end = start + 1;
                while (end < m && keys[end] >>> 32 == keys[start] >>> 32) {
                    end++;
                }
                if (end - start > 1) {
                    int[] members = new int[end - start];
                    for (int x = 0; x < members.length; x++) {
                        members[x] = (int) keys[start + x];
                    }
                    block.accept(members);
                }
                start = end;
            }
        }
    }

    private static final class IntList {
        int[] values = new int[2];
        int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }
    }
}
