package org.darkfigure.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.darkfigure.pseudonymise.BloomEncoding;
import org.junit.jupiter.api.Test;

class BlockingTest {

    private static LinkRecord record(long id, String key, String dobHash, long[] name) {
        return record(id, key, dobHash, name, null);
    }

    private static LinkRecord record(long id, String key, String dobHash, long[] name, String sound) {
        return new LinkRecord(id, "IDN|2024", "S", key, name, sound, dobHash, null, null, null, -1, null, null, -1, null);
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
}
