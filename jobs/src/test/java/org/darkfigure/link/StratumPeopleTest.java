package org.darkfigure.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;

/** A scored stratum's people, written where the stratum is (issue 20). */
class StratumPeopleTest {

    /**
     * Five records (ids 10..14) of stratum IDN|2024: at the chosen threshold 10+11+12 are one person, 13 and 14 alone;
     * at the other threshold 10+11 and 12+13+14.
     */
    private static StratumLinkage.Scored stratum(String[] keys) {
        long[] ids = {10, 11, 12, 13, 14};
        long[] chosen = {10, 10, 10, 13, 14};
        long[] other = {10, 10, 12, 12, 12};
        String[] sources = {"IDN-POLICE", "IDN-NGO", "IDN-POLICE", "IDN-NGO", "IDN-COAST"};
        return new StratumLinkage.Scored(ids, chosen, new long[0], new long[0], new double[0], new double[0], new int[0],
                Map.of(), 0, 0, new long[0], new long[0], new double[0], new long[][] {other}, "IDN|2024", sources, keys);
    }

    @Test
    void a_person_is_named_after_its_smallest_record_key_as_the_releases_before_named_it() {
        StratumPeople.People people = StratumPeople.atChosenThreshold(
                stratum(new String[] {"s1:b", "s2:a", "s1:c", "s3:z", "s3:y"}));
        assertEquals(3, people.persons().size());
        // the id the link stage's Spark SQL gave: substring(sha2(concat_ws("|", country, year, min(key)), 256), 1, 24)
        String first = DigestUtils.sha256Hex("IDN|2024|s1:b").substring(0, 24); // 5f2316...
        String z = DigestUtils.sha256Hex("IDN|2024|s3:z").substring(0, 24); // 028a6e...
        String y = DigestUtils.sha256Hex("IDN|2024|s3:y").substring(0, 24); // 93eb21...
        assertArrayEquals(new String[] {first, first, first, z, y}, people.personOfRecord());
        // ranked in the order of the ids, as the release numbers them
        List<String> byId = new java.util.ArrayList<>(List.of(first, z, y));
        java.util.Collections.sort(byId);
        assertEquals(byId, people.persons().stream().map(StratumPeople.Person::id).toList());
        for (int i = 0; i < 5; i++) {
            assertEquals(byId.indexOf(people.personOfRecord()[i]) + 1, people.rankOfRecord()[i]);
        }
        StratumPeople.Person p = people.persons().get(byId.indexOf(first));
        assertEquals(byId.indexOf(first) + 1, p.rank());
        assertEquals(List.of("IDN-NGO", "IDN-POLICE"), p.sources(), "each list once, sorted");
        assertEquals(3, p.records());
    }

    @Test
    void people_are_counted_by_capture_pattern_at_every_threshold() {
        StratumLinkage.Scored s = stratum(new String[] {"a", "b", "c", "d", "e"});
        assertEquals(Map.of(List.of("IDN-NGO", "IDN-POLICE"), 1L, List.of("IDN-NGO"), 1L, List.of("IDN-COAST"), 1L),
                StratumPeople.patterns(s, 0));
        assertEquals(Map.of(List.of("IDN-NGO", "IDN-POLICE"), 1L, List.of("IDN-COAST", "IDN-NGO", "IDN-POLICE"), 1L),
                StratumPeople.patterns(s, 1));
    }

    @Test
    void keys_are_ordered_as_spark_orders_strings_by_code_point_not_by_utf16_unit() {
        // U+FF21 (fullwidth A) sorts before U+1F600 (an emoji, two UTF-16 units starting 0xD83D) by code point and in
        // UTF-8, but after it by UTF-16 unit
        String fullwidth = "s:\uFF21";
        String emoji = "s:\uD83D\uDE00";
        StratumPeople.People people = StratumPeople.atChosenThreshold(stratum(new String[] {emoji, fullwidth, "t", "u", "v"}));
        assertEquals(DigestUtils.sha256Hex("IDN|2024|" + fullwidth).substring(0, 24), people.personOfRecord()[0]);
    }

    @Test
    void a_record_without_its_key_cannot_name_a_person() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StratumPeople.atChosenThreshold(stratum(new String[] {"a", null, "c", "d", "e"})));
        assertEquals("record 11 of stratum IDN|2024 has no record key: people are named after their first record",
                e.getMessage());
    }
}
