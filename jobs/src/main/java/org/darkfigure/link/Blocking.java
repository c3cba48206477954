package org.darkfigure.link;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.darkfigure.pseudonymise.BloomEncoding;
import org.darkfigure.pseudonymise.Pseudonymiser;

/**
 * The blocking rules of one stratum's records, in memory: records sharing a linkage key, a birth-date
 * hash, a document hash or the sound of the name (issue 16: transliteration variants share few bigrams), records whose
 * name encodings agree on all bits of one LSH band (seeded bit positions), and records born in the same year whose
 * encodings agree on all bits of a shorter band ({@link #YEAR_RULE}). Bands get more bits as strata grow, so that chance collisions of unrelated names grow about
 * linearly with the records instead of with their square. Records are addressed by their index in the
 * stratum's array; a candidate pair is packed as {@code (i << 32) | j} with {@code i < j}.
 *
 * <p>In strata of more than {@link #BASE_STRATUM} records the bands pair records only within a birth-year window
 * (issue 20): years at most one apart, or either unknown. A common name's band blocks grow with the stratum, and its
 * pairs with the square of that: on the simulator's strata of 6,300 and 25,400 records the candidates per record
 * went from 15 to 26, 88% of them namesakes born more than a year apart, and the 16-million-record benchmark (strata
 * of 160,000) ran out of memory making them. Measured there and on the registers of 20,000 people, the window keeps
 * 13-42% of the candidates and loses 0-0.14% of the true pairs (one person's birth years more than a year apart,
 * found by the name alone, which the date's weight of about -8 bits mostly left unlinked anyway; 2.4% on
 * historical_figures_50k, whose famous people carry many years). The pairs it leaves out are still handed to
 * {@link Outside}, once each, so that the names' neighbourhoods ({@link NameNeighbours}) are counted in full.
 */
public final class Blocking implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final List<String> RULES = List.of("linkage_key", "lk_dob_hash", "lk_doc_hash", "lk_name_ph", "name_lsh",
            "name_lsh_year");
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

    /** Bits per birth-year band for a birth year of {@code records} records in the stratum (at most 32). */
    int yearBits(int records) {
        double bits = Math.ceil(Math.log(Math.max(1, records) * positions.length / YEAR_CHANCE_PAIRS) / Math.log(2));
        return (int) Math.max(1, Math.min(32, bits));
    }

    /** Pairs the birth-year window leaves out: each distinct pair once, {@code i < j}. */
    @FunctionalInterface
    public interface Outside {
        Outside NONE = (i, j) -> { };

        void pair(int i, int j);
    }

    private static final int LSH_RULE = KEYED_RULES;
    /**
     * Records born in the same year whose name encodings agree on all bits of one band, with as few bits as the year's
     * records allow ({@link #yearBits}). The stratum-wide bands need many bits so that a stratum's chance pairs stay
     * few, and then miss names a typo or two apart: after the diffusion layer such names agree on a published bit about
     * 7 times in 10 against 5 for unrelated names, so 16 bits find them in 6% of cases (fake_1000: of its true pairs
     * with names of similarity 0.55-0.75 and the same birth year, a group four in five of which are one person, blocking
     * formed almost none). Within a birth year fewer records compete, and fewer bits keep the chance pairs as few.
     */
    private static final int YEAR_RULE = LSH_RULE + 1;
    /**
     * Chance pairs a record may get from the birth-year bands, in expectation over all bands (unrelated names agree on
     * a published bit half the time). Measured (bench/linkage-quality, F1): 0.5 gave fake_1000 0.747, 0.75 gave 0.752,
     * 1 and 2 gave 0.752 and 0.753 but the registers of 5,000 people 0.877 and 0.878 (0.880 at 0.75 and without the
     * rule); historical_figures 0.647-0.648 for 0.5-1, 0.644 at 2.
     */
    static final double YEAR_CHANCE_PAIRS = 0.75;

    /** Whether the bands of a stratum of {@code size} records pair only within the birth-year window. */
    static boolean windowed(int size) {
        return size > BASE_STRATUM;
    }

    /** Birth years at most one apart, or either unknown. */
    static boolean withinWindow(LinkRecord a, LinkRecord b) {
        return a.birthYear() < 0 || b.birthYear() < 0 || Math.abs(a.birthYear() - b.birthYear()) <= 1;
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
            boolean window = r == LSH_RULE && windowed(records.length);
            blocks(records, r, r == LSH_RULE ? bands(records, records.length) : null, null, null, (band, members) -> {
                pairs[rule] += window ? pairsWithinWindow(years(records, members)) : (long) members.length * (members.length - 1) / 2;
                largest[rule] = Math.max(largest[rule], members.length);
            });
        }
        return new RuleCounts(pairs, largest);
    }

    /**
     * The pairs one block of rule {@code rule} makes in a stratum of {@code stratumSize} records, from its members'
     * birth years (negative: unknown), as {@link #count} counts them: a large stratum's blocks are counted where they
     * are gathered (issue 20).
     */
    public static RuleCounts countBlock(int rule, int stratumSize, int[] years) {
        RuleCounts counts = RuleCounts.none();
        counts.pairs()[rule] = rule == LSH_RULE && windowed(stratumSize) ? pairsWithinWindow(years)
                : (long) years.length * (years.length - 1) / 2;
        counts.largest()[rule] = years.length;
        return counts;
    }

    private static int[] years(LinkRecord[] records, int[] members) {
        int[] years = new int[members.length];
        for (int x = 0; x < members.length; x++) {
            years[x] = records[members[x]].birthYear();
        }
        return years;
    }

    /** A block of a record: its rule and its hash. */
    @FunctionalInterface
    public interface BlockSink {
        void block(int rule, long hash);
    }

    /**
     * Which blocks a part of a large stratum holds (issue 20), by their {@link #blockHashes hash}: a part holds whole
     * blocks, and each block is held by one part.
     */
    @FunctionalInterface
    public interface Part extends Serializable {
        boolean holds(long block);
    }

    /**
     * The blocks of one record in a stratum of {@code stratumSize} records, each as a 64-bit hash of its rule, band and
     * key (the hash {@link Part} sees): the keys of the keyed rules (each part of the date-of-birth hash), the key of
     * every name band and, with a birth year, of every birth-year band ({@code yearSize}: the stratum's records per
     * birth year).
     */
    public void blockHashes(LinkRecord record, int stratumSize, java.util.function.IntUnaryOperator yearSize,
                            BlockSink out) {
        for (int r = 0; r < KEYED_RULES; r++) {
            String key = key(r, record);
            if (key == null || key.isEmpty()) {
                continue;
            }
            if (r == DOB_RULE) {
                for (String part : key.split("\\.")) {
                    if (!part.isEmpty()) {
                        out.block(r, block(r, 0, part.hashCode()));
                    }
                }
            } else {
                out.block(r, block(r, 0, key.hashCode()));
            }
        }
        long[] name = record.name();
        if (name == null || name.length == 0) {
            return;
        }
        int bits = bitsFor(stratumSize);
        for (int b = 0; b < positions.length; b++) {
            out.block(LSH_RULE, block(LSH_RULE, b, bandKey(name, positions[b], bits)));
        }
        if (record.birthYear() >= 0) {
            int yearBits = yearBits(yearSize.applyAsInt(record.birthYear()));
            for (int b = 0; b < positions.length; b++) {
                out.block(YEAR_RULE, block(YEAR_RULE, b, yearKey(record.birthYear(), bandKey(name, positions[b], yearBits))));
            }
        }
    }

    /** A birth-year band's key: the year and the band's bits. */
    private static long yearKey(int year, int bits) {
        return ((long) year << 32) | (bits & 0xFFFFFFFFL);
    }

    /** A block's hash: its rule, band and key mixed (SplitMix64's finaliser). */
    static long block(int rule, int band, long key) {
        long z = key * 0x9E3779B97F4A7C15L + ((long) rule << 40) + ((long) band << 48) + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A name's key in one band: the bits at the band's positions (at most 32). */
    private static int bandKey(long[] name, int[] band, int bits) {
        long k = 0;
        for (int bit = 0; bit < bits; bit++) {
            int pos = band[bit];
            int word = pos >>> 6;
            k |= (word < name.length ? (name[word] >>> (pos & 63)) & 1L : 0L) << bit;
        }
        return (int) k;
    }

    /**
     * The block that owns a candidate pair (records {@code i < j}): the first keyed rule they share (for the date of
     * birth, the first of the lower record's date parts the other shares), else the first name band they share. A pair
     * several blocks make is kept only by the part that holds its owner.
     */
    private long owner(LinkRecord[] records, int i, int j, Bands bands, java.util.function.IntUnaryOperator yearSize) {
        LinkRecord a = records[i];
        LinkRecord b = records[j];
        for (int r = 0; r < KEYED_RULES; r++) {
            if (r == DOB_RULE) {
                String part = sharedDatePart(a.dobHash(), b.dobHash());
                if (part != null) {
                    return block(r, 0, part.hashCode());
                }
            } else if (same(key(r, a), key(r, b))) {
                return block(r, 0, key(r, a).hashCode());
            }
        }
        for (int band = 0; band < bands.key().length; band++) {
            if (bands.key()[band][i] == bands.key()[band][j]) {
                return block(LSH_RULE, band, bands.key()[band][i]);
            }
        }
        if (a.birthYear() >= 0 && a.birthYear() == b.birthYear()) {
            int bits = yearBits(yearSize.applyAsInt(a.birthYear()));
            for (int band = 0; band < positions.length; band++) {
                int key = bandKey(a.name(), positions[band], bits);
                if (key == bandKey(b.name(), positions[band], bits)) {
                    return block(YEAR_RULE, band, yearKey(a.birthYear(), key));
                }
            }
        }
        throw new IllegalStateException("a candidate pair shares no block");
    }

    /** The distinct candidate pairs of all rules, sorted. */
    public long[] candidates(LinkRecord[] records) {
        return candidates(records, Outside.NONE);
    }

    /** The distinct candidate pairs of all rules, sorted; the pairs the birth-year window leaves out go to {@code outside}. */
    public long[] candidates(LinkRecord[] records, Outside outside) {
        return candidates(records, records.length, null, null, outside);
    }

    /**
     * The candidate pairs a part of a large stratum makes (issue 20): {@code records} are the records of the blocks the
     * part holds, of a stratum of {@code stratumSize} records (whose size sets the bands' bits and the window), sorted
     * by id. Only the held blocks are formed, and a pair only where the part also holds its {@link #owner}; with
     * {@code part} null, every block and pair. Every pair of the stratum is then made by exactly one part, and each
     * pair the window leaves out is handed to {@code outside} by the part holding the first band that pairs it.
     */
    public long[] candidates(LinkRecord[] records, int stratumSize, java.util.function.IntUnaryOperator yearSize,
                             Part part, Outside outside) {
        int[] all = new int[RULES.size()];
        for (int r = 0; r < all.length; r++) {
            all[r] = r;
        }
        return candidates(records, stratumSize, yearSize, part, outside, all);
    }

    /** The distinct candidate pairs of the given rules (indices into {@link #RULES}), sorted. */
    public long[] candidates(LinkRecord[] records, int... rules) {
        return candidates(records, records.length, null, null, Outside.NONE, rules);
    }

    private long[] candidates(LinkRecord[] records, int stratumSize, java.util.function.IntUnaryOperator yearSize,
                              Part part, Outside outside, int... rules) {
        java.util.function.IntUnaryOperator years = yearSize != null ? yearSize : yearSizes(records);
        long[][] buffer = {new long[1024]};
        int[] size = {0};
        Bands all = part == null ? null : bands(records, stratumSize); // for the owners
        for (int r : rules) {
            Bands bands = r == LSH_RULE ? (all != null ? all : bands(records, stratumSize)) : null;
            blocks(records, r, bands, part, years, (band, members) -> {
                boolean window = bands != null && bands.windowed();
                for (int x = 0; x < members.length; x++) {
                    for (int y = x + 1; y < members.length; y++) {
                        int i = members[x];
                        int j = members[y];
                        if (window && !withinWindow(records[i], records[j])) {
                            if (outside != Outside.NONE && bands.leftOut(band, i, j) && !keyed(records[i], records[j])) {
                                outside.pair(i, j);
                            }
                            continue;
                        }
                        if (part != null && !part.holds(owner(records, i, j, all, years))) {
                            continue;
                        }
                        if (size[0] == buffer[0].length) {
                            buffer[0] = Arrays.copyOf(buffer[0], buffer[0].length * 2);
                        }
                        buffer[0][size[0]++] = ((long) i << 32) | j;
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

    /** A block of one band (0 for the keyed rules): its members' indices, ascending. */
    @FunctionalInterface
    private interface Block {
        void accept(int band, int[] members);
    }

    private void blocks(LinkRecord[] records, int r, Bands bands, Part part, java.util.function.IntUnaryOperator yearSize,
                        Block block) {
        if (r == YEAR_RULE) {
            yearBlocks(records, yearSize != null ? yearSize : yearSizes(records), part, block);
            return;
        }
        if (r >= KEYED_RULES) {
            bands.each(part, block);
            return;
        }
        Map<String, IntList> blocks = new HashMap<>();
        for (int i = 0; i < records.length; i++) {
            LinkRecord rec = records[i];
            String key = key(r, rec);
            if (key == null || key.isEmpty()) {
                continue;
            }
            if (r == DOB_RULE) { // one hash per name word's ends: a block for each (Pseudonymiser#sameDate)
                for (String piece : key.split("\\.")) {
                    if (!piece.isEmpty()) {
                        blocks.computeIfAbsent(piece, k -> new IntList()).add(i);
                    }
                }
            } else {
                blocks.computeIfAbsent(key, k -> new IntList()).add(i);
            }
        }
        for (Map.Entry<String, IntList> e : blocks.entrySet()) {
            IntList g = e.getValue();
            if (g.size > 1 && (part == null || part.holds(block(r, 0, e.getKey().hashCode())))) {
                block.accept(0, Arrays.copyOf(g.values, g.size));
            }
        }
    }

    /**
     * The birth-year bands' blocks: per year (records with a name and a known year), per band, a run of equal bits
     * with its indices ascending (sorted packed longs, as {@link #bands}).
     */
    private void yearBlocks(LinkRecord[] records, java.util.function.IntUnaryOperator yearSize, Part part,
                            Block block) {
        Map<Integer, IntList> byYear = new java.util.TreeMap<>();
        for (int i = 0; i < records.length; i++) {
            long[] name = records[i].name();
            if (records[i].birthYear() >= 0 && name != null && name.length > 0) {
                byYear.computeIfAbsent(records[i].birthYear(), k -> new IntList()).add(i);
            }
        }
        for (Map.Entry<Integer, IntList> e : byYear.entrySet()) {
            IntList year = e.getValue();
            if (year.size < 2) {
                continue;
            }
            int bits = yearBits(yearSize.applyAsInt(e.getKey()));
            long[] keys = new long[year.size];
            for (int b = 0; b < positions.length; b++) {
                for (int x = 0; x < year.size; x++) {
                    int i = year.values[x];
                    keys[x] = ((long) bandKey(records[i].name(), positions[b], bits) << 32) | (i & 0xFFFFFFFFL);
                }
                Arrays.sort(keys);
                int band = b;
                int yearOf = e.getKey();
                runs(keys, band, key -> block(YEAR_RULE, band, yearKey(yearOf, key)), part, block);
            }
        }
    }

    /** The records of each birth year among {@code records} (a whole stratum). */
    private static java.util.function.IntUnaryOperator yearSizes(LinkRecord[] records) {
        Map<Integer, Integer> sizes = new HashMap<>();
        for (LinkRecord r : records) {
            if (r.birthYear() >= 0) {
                sizes.merge(r.birthYear(), 1, Integer::sum);
            }
        }
        return year -> sizes.getOrDefault(year, 0);
    }

    /** A record's value for keyed rule {@code r}. */
    private static String key(int r, LinkRecord rec) {
        return r == 0 ? rec.linkageKey() : r == 1 ? rec.dobHash() : r == 2 ? rec.docHash() : rec.namePhonetic();
    }

    /**
     * Whether keyed rule {@code r} puts the two records in one block. Every such pair is a candidate (the window
     * narrows only the name bands), so a rule's pairs can be picked out of the candidates.
     */
    public static boolean sharesKey(int r, LinkRecord a, LinkRecord b) {
        if (r >= KEYED_RULES) {
            throw new IllegalArgumentException("not a keyed rule: " + RULES.get(r));
        }
        return r == DOB_RULE ? shareDate(a, b) : same(key(r, a), key(r, b));
    }

    private static final int DOB_RULE = RULES.indexOf("lk_dob_hash");

    /**
     * The first part of {@code a}'s date hashes that {@code b} has too (exact parts first, then the near parts; see
     * {@link Pseudonymiser#sameDate} and {@link Pseudonymiser#nearDate}), or null: the block of the pair.
     */
    private static String sharedDatePart(String a, String b) {
        if (!Pseudonymiser.sameDate(a, b) && !Pseudonymiser.nearDate(a, b)) {
            return null;
        }
        java.util.Set<String> parts = new java.util.HashSet<>(Arrays.asList(b.split("\\.")));
        for (String part : a.split("\\.")) {
            if (!part.isEmpty() && parts.contains(part)) {
                return part;
            }
        }
        return null;
    }

    /** Whether the two records share a part of their date hashes: the same date, or the same month and day a year apart. */
    private static boolean shareDate(LinkRecord a, LinkRecord b) {
        return Pseudonymiser.sameDate(a.dobHash(), b.dobHash()) || Pseudonymiser.nearDate(a.dobHash(), b.dobHash());
    }

    /** Whether a keyed rule pairs the two records anyway (then they are candidates whatever their birth years). */
    private static boolean keyed(LinkRecord a, LinkRecord b) {
        return same(a.linkageKey(), b.linkageKey()) || shareDate(a, b)
                || same(a.docHash(), b.docHash())
                || same(a.namePhonetic(), b.namePhonetic());
    }

    private static boolean same(String a, String b) {
        return a != null && !a.isEmpty() && a.equals(b);
    }

    /**
     * Pairs of a block within the birth-year window, from its members' years (sorted here) (a block can be large, and there are
     * millions of small ones: no boxing).
     */
    private static long pairsWithinWindow(int[] years) {
        Arrays.sort(years);
        int unknown = 0;
        while (unknown < years.length && years[unknown] < 0) {
            unknown++;
        }
        long pairs = (long) unknown * (unknown - 1) / 2 + (long) unknown * (years.length - unknown);
        // for each known year, the later records at most one year on
        int last = unknown;
        for (int x = unknown; x < years.length; x++) {
            if (last <= x) {
                last = x + 1;
            }
            while (last < years.length && years[last] - years[x] <= 1) {
                last++;
            }
            pairs += last - x - 1;
        }
        return pairs;
    }

    /**
     * The LSH blocks of a stratum, band by band: each record's band bits and index packed in one long
     * ({@code bits << 32 | i}) and sorted, so that a block is a run of equal bits with its indices ascending (a hash
     * map keyed by band and bits spent a fifth of the linkage's time in collisions: the keys differ only in a few low
     * bits); and each record's key per band, to hand each pair the window leaves out on once.
     */
    private Bands bands(LinkRecord[] records, int stratumSize) {
        int bits = bitsFor(stratumSize); // at most 32: the int is the whole key
        long[][] sorted = new long[positions.length][];
        int[][] key = new int[positions.length][records.length];
        for (int b = 0; b < positions.length; b++) {
            int[] band = positions[b];
            long[] keys = new long[records.length];
            int m = 0;
            for (int i = 0; i < records.length; i++) {
                long[] name = records[i].name();
                if (name == null || name.length == 0) {
                    continue;
                }
                int k = bandKey(name, band, bits);
                keys[m++] = ((long) k << 32) | (i & 0xFFFFFFFFL);
                key[b][i] = k;
            }
            Arrays.sort(keys, 0, m);
            sorted[b] = Arrays.copyOf(keys, m);
        }
        return new Bands(windowed(stratumSize), sorted, key);
    }

    /**
     * The blocks of one band from its sorted packed keys ({@code bits << 32 | i}): each run of equal bits of two or more
     * records, members ascending, unless a part is given that does not hold the run's block ({@code blockOf} its bits).
     */
    private static void runs(long[] sorted, int band, java.util.function.IntToLongFunction blockOf, Part part,
                             Block block) {
        for (int start = 0; start < sorted.length; ) {
            int end = runEnd(sorted, start);
            if (end - start > 1 && (part == null || part.holds(blockOf.applyAsLong((int) (sorted[start] >>> 32))))) {
                int[] members = new int[end - start];
                for (int x = 0; x < members.length; x++) {
                    members[x] = (int) sorted[start + x];
                }
                block.accept(band, members);
            }
            start = end;
        }
    }

    private static int runEnd(long[] sorted, int start) {
        int end = start + 1;
        while (end < sorted.length && sorted[end] >>> 32 == sorted[start] >>> 32) {
            end++;
        }
        return end;
    }

    /** The bands of one stratum ({@code windowed}: pairing only within the birth-year window). */
    private record Bands(boolean windowed, long[][] sorted, int[][] key) {

        void each(Part part, Block block) {
            for (int b = 0; b < sorted.length; b++) {
                int band = b;
                runs(sorted[b], band, bits -> block(LSH_RULE, band, bits), part, block);
            }
        }

        /** Whether {@code band} is the first band in which records i and j meet (each pair left out is handed on once). */
        boolean leftOut(int band, int i, int j) {
            for (int b = 0; b < band; b++) {
                if (key[b][i] == key[b][j]) {
                    return false;
                }
            }
            return true;
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
