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
        assertArrayEquals(new long[] {1, 1, 0, 1, 20}, counts.pairs(),
                "pairs per rule: key, dob, document, name sound, 20 LSH bands");
        assertArrayEquals(new long[] {2, 2, 0, 2, 2}, counts.largest());
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
    void a_smaller_stratum_is_paired_whatever_the_birth_years() {
        assertEquals(40 * 39 / 2, new Blocking(20, 16, 1).candidates(java.util.Arrays.copyOf(namesakes(40), 100)).length,
                "100 records");
    }
}
