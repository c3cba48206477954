package org.darkfigure.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.darkfigure.pseudonymise.BloomEncoding;
import org.junit.jupiter.api.Test;

class BlockingTest {

    private static LinkRecord record(long id, String key, String dobHash, long[] name) {
        return record(id, key, dobHash, name, null);
    }

    private static LinkRecord record(long id, String key, String dobHash, long[] name, String sound) {
        return new LinkRecord(id, "IDN|2024", "S", key, name, sound, dobHash, null, null, null, -1, null, null, -1, null, null);
    }

    @Test
    void a_pair_found_by_several_rules_is_one_candidate_and_counts_in_each_rule() {
        long[] allOnes = new long[BloomEncoding.LENGTH / 64];
        java.util.Arrays.fill(allOnes, -1L);
        LinkRecord[] records = {
            record(10, "k1", "d1", null),
            record(11, "k1", "d1", null),
            record(12, "k2", null, allOnes),
            record(13, null, "d9", allOnes),
            record(14, null, null, null, "sound"),
            record(15, null, null, null, "sound"),
        };
        Blocking blocking = new Blocking(20, 16, 1);
        long[] candidates = blocking.candidates(records);
        // 0-1 share key and birth-date hash; 2-3 have identical name encodings (every band agrees); 4-5 the sound
        assertArrayEquals(new long[] {1L, (2L << 32) | 3, (4L << 32) | 5}, candidates);
        Blocking.RuleCounts counts = blocking.count(records);
        assertArrayEquals(new long[] {1, 1, 0, 1, 20, 0}, counts.pairs(),
                "pairs per rule: key, dob, document, name sound, 20 LSH bands, no birth year to band within");
        assertArrayEquals(new long[] {2, 2, 0, 2, 2, 0}, counts.largest());
    }

    @Test
    void bands_get_more_bits_as_strata_grow() {
        Blocking blocking = new Blocking(20, 16, 1);
        assertEquals(16, blocking.bitsFor(500));
        assertEquals(16, blocking.bitsFor(10_000));
        assertEquals(17, blocking.bitsFor(20_000));
        assertEquals(19, blocking.bitsFor(40_000));
        assertEquals(32, blocking.bitsFor(Integer.MAX_VALUE), "at most 16 more");
    }

    /**
     * A stratum of more than 10,000 records: {@code people} share one name (identical encodings, so every band pairs
     * them), born in 1960, 1961, 1990 or unknown in turn; the rest have no name.
     */
    @Test
    void the_same_day_and_month_a_year_apart_blocks_where_two_name_words_agree() {
        org.darkfigure.pseudonymise.Pseudonymiser p = new org.darkfigure.pseudonymise.Pseudonymiser(
                new org.darkfigure.pseudonymise.Keyring("blocking test secret".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        java.util.function.BiFunction<String, String, String> hash = (family, dob) -> p.encode("Tekhejair", family, dob,
                null, null).get("lk_dob_hash");
        LinkRecord[] records = {
            record(0, null, hash.apply("Sharifi", "1996-11-24"), null),
            record(1, null, hash.apply("Sfareefi", "1997-11-24"), null), // a year on, the family name spelt otherwise
            record(2, null, hash.apply("Nguyen", "1995-11-24"), null), // a year before 0, one name word in common
        };
        Blocking blocking = new Blocking(20, 16, 1);
        assertArrayEquals(new long[] {1L}, blocking.candidates(records));
        assertTrue(Blocking.sharesKey(1, records[0], records[1]));
        assertEquals(1, blocking.count(records).pairs()[1], "counted under lk_dob_hash");
    }

    private static LinkRecord[] namesakes(int people) {
        long[] name = new long[BloomEncoding.LENGTH / 64];
        java.util.Arrays.fill(name, 0x5555_5555_5555_5555L);
        LinkRecord[] records = new LinkRecord[10_001];
        int[] years = {1960, 1961, 1990, -1};
        for (int i = 0; i < records.length; i++) {
            records[i] = new LinkRecord(i, "IDN|2024", "S", null, i < people ? name : null, null, null, null, null,
                    null, i < people ? years[i % 4] : -1, null, "SYR", -1, null, null);
        }
        return records;
    }

    @Test
    void in_large_strata_a_common_name_is_paired_only_within_a_birth_year_window() {
        LinkRecord[] records = namesakes(40);
        java.util.List<Long> outside = new java.util.ArrayList<>();
        long[] candidates = new Blocking(20, 16, 1).candidates(records, (i, j) -> outside.add(((long) i << 32) | j));
        // ten each of 1960, 1961, 1990 and unknown: the same or the next year, or unknown, are paired
        long within = 10 * 9 / 2 * 2 + 10 * 10 + 10 * 9 / 2 + 10 * 9 / 2 + 10 * 30;
        assertEquals(within, candidates.length);
        for (long p : candidates) {
            assertTrue(Blocking.withinWindow(records[(int) (p >>> 32)], records[(int) p]));
        }
        assertEquals(20 * 10, outside.size(), "1960 and 1961 against 1990, each pair once though it meets in 20 bands");
        assertEquals(20 * 10, new java.util.HashSet<>(outside).size());
        assertEquals(within * 20, new Blocking(20, 16, 1).count(records).pairs()[4], "counted as made, in each band");
    }

    @Test
    void the_window_leaves_the_names_neighbourhoods_whole() {
        LinkRecord[] records = namesakes(40);
        StratumLinkage.Compared compared = StratumLinkage.Compared.of(records, new Blocking(20, 16, 1));
        for (int r = 0; r < 40; r++) {
            assertEquals(39, compared.neighbours().level(r, 1, 1), "record " + r + ": all 39 namesakes, same citizenship");
        }
    }

    @Test
    void within_a_birth_year_fewer_bits_find_names_a_few_characters_apart() {
        // 500 records; 10 pairs of encodings that agree on 3 published bits in 4 (names one or two typos apart after
        // the diffusion layer), each pair born in one year with nobody else; the stratum's bands (16 bits: 0.75^16,
        // 1% a band) find few of them, the year's bands (ceil(log2(2 x 20 / 0.75)) = 6 bits: 18% a band) nearly all
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        LinkRecord[] sameYear = new LinkRecord[500];
        LinkRecord[] apart = new LinkRecord[500];
        for (int i = 0; i < 500; i++) {
            long[] name = new long[BloomEncoding.LENGTH / 64];
            for (int w = 0; w < name.length; w++) {
                name[w] = random.nextLong();
            }
            if (i % 2 == 1 && i < 20) { // the previous record's name with a quarter of its bits flipped
                long[] previous = sameYear[i - 1].name();
                for (int w = 0; w < name.length; w++) {
                    name[w] = previous[w] ^ (random.nextLong() & random.nextLong());
                }
            }
            int year = i < 20 ? 1950 + i / 2 : 2000 + i % 7;
            sameYear[i] = new LinkRecord(i, "IDN|2024", "S", null, name, null, null, null, null, null, year, null, null,
                    -1, null, null);
            apart[i] = new LinkRecord(i, "IDN|2024", "S", null, name, null, null, null, null, null,
                    i < 20 ? 1900 + i : year, null, null, -1, null, null);
        }
        Blocking blocking = new Blocking(20, 16, 1);
        assertEquals(6, blocking.yearBits(2));
        assertEquals(12, blocking.yearBits(100), "ceil(log2(100 x 20 / 0.75)) = ceil(11.4)");
        assertTrue(found(blocking.candidates(sameYear)) >= 9, "found in their birth year: " + found(blocking.candidates(sameYear)));
        assertTrue(found(blocking.candidates(apart)) <= 2, "born apart, only the stratum's bands: " + found(blocking.candidates(apart)));
    }

    /** How many of the ten pairs (0, 1), (2, 3) ... (18, 19) are candidates. */
    private static int found(long[] candidates) {
        int found = 0;
        for (long p : candidates) {
            found += (p >>> 32) < 20 && (p >>> 32) % 2 == 0 && (int) p == (p >>> 32) + 1 ? 1 : 0;
        }
        return found;
    }

    @Test
    void a_smaller_stratum_is_paired_whatever_the_birth_years() {
        assertEquals(40 * 39 / 2, new Blocking(20, 16, 1).candidates(java.util.Arrays.copyOf(namesakes(40), 100)).length,
                "100 records");
    }
}
