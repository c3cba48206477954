package org.darkfigure.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.darkfigure.pseudonymise.Keyring;
import org.darkfigure.pseudonymise.Pseudonymiser;
import org.junit.jupiter.api.Test;

/** Issue 16: names compared from their encodings only, and what a disagreement between them is worth. */
class NameComparisonTest {

    private static final Pseudonymiser P = new Pseudonymiser(new Keyring("name comparison test secret".getBytes(
            StandardCharsets.UTF_8)));

    private static LinkRecord record(String given, String family) {
        return NameRecords.of(P, given, family);
    }

    private static String level(LinkRecord a, LinkRecord b) {
        return Comparison.FIELDS.get(Comparison.index("name")).levels().get(Comparison.name(a, b));
    }

    @Test
    void a_given_name_alone_against_a_family_name_alone_is_not_a_full_disagreement() {
        // fake_1000 (Splink's): "Reuben" on one record, "Daves" on the other, one person with one date of birth
        assertEquals("below, a short name", level(record("Reuben", null), record(null, "Daves")));
        assertEquals("below, a short name", level(record("Reuben", null), record("Amelia", "Daves")));
        assertEquals("below", level(record("Hugo", "Kaur"), record("Reuben", "Daves")));
    }

    @Test
    void a_short_name_is_read_from_the_share_of_set_bits_of_the_encoding() {
        // up to about seven distinct bigrams: most single given or family names, and the shortest full names
        for (String[] name : List.of(new String[] {"Hugo", null}, new String[] {null, "Kaur"},
                new String[] {"Reuben", null}, new String[] {"Amelia", null}, new String[] {"Li", "Wei"})) {
            assertTrue(Comparison.shortName(record(name[0], name[1])), name[0] + " " + name[1]);
        }
        for (String[] name : List.of(new String[] {"Hugo", "Kaur"}, new String[] {"Wei", "Zhang"},
                new String[] {"Amelia", "Armstrong"}, new String[] {null, "Vaughan-Davies"})) {
            assertFalse(Comparison.shortName(record(name[0], name[1])), name[0] + " " + name[1]);
        }
    }
}
