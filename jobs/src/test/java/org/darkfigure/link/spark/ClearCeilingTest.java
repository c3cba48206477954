package org.darkfigure.link.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.darkfigure.link.LinkageCeiling;
import org.darkfigure.simulate.Registers;
import org.junit.jupiter.api.Test;

/** Issue 16: the best F1 any classifier of a set's fields in clear could reach, knowing the truth. */
class ClearCeilingTest {

    private static ClearEvaluation.Clear record(String given, String family, String dob, String truth) {
        return new ClearEvaluation.Clear("POLICE", given, family, dob, null, "M", "AFG", null, truth);
    }

    @Test
    void people_told_apart_by_their_fields_are_all_found() {
        List<ClearEvaluation.Clear> records = List.of(record("Ali", "Khan", "1990-03-14", "a"),
                record("Ali", "Khan", "1990-03-14", "a"), record("Ali", "Khan", "1987-11-02", "b"),
                record("Ali", "Khan", "1987-11-02", "b"), record("Zainab", "Rahimi", "2001-06-30", "c"));
        LinkageCeiling.Ceiling best = ClearCeiling.of(records, 1);
        assertEquals(1.0, best.f1(), 1e-12);
    }

    @Test
    void namesakes_without_a_date_of_birth_cannot_be_told_apart_even_in_clear() {
        // two people named Ali Khan, two records each, no date of birth: all six pairs look alike, two are true.
        // Accepting them all: precision 2/6, recall 1, F1 = 2 x (1/3) / (4/3) = 0.5; accepting none: 0
        List<ClearEvaluation.Clear> records = List.of(record("Ali", "Khan", null, "a"), record("Ali", "Khan", null, "a"),
                record("Ali", "Khan", null, "b"), record("Ali", "Khan", null, "b"));
        LinkageCeiling.Ceiling best = ClearCeiling.of(records, 1);
        assertEquals(1.0 / 3, best.precision(), 1e-12);
        assertEquals(1.0, best.recall(), 1e-12);
        assertEquals(0.5, best.f1(), 1e-12);
    }

    @Test
    void a_placeholder_date_says_only_the_year() {
        // 1 January is the placeholder for "born that year" (BirthDate): two namesakes with it are as alike as with
        // no date at all, while a real shared date tells them apart
        List<ClearEvaluation.Clear> placeholders = List.of(record("Ali", "Khan", "1990-01-01", "a"),
                record("Ali", "Khan", "1990-01-01", "a"), record("Ali", "Khan", "1990-01-01", "b"),
                record("Ali", "Khan", "1990-01-01", "b"));
        assertEquals(0.5, ClearCeiling.of(placeholders, 1).f1(), 1e-12);
    }

    @Test
    void sampled_strangers_give_the_ceiling_of_all_pairs() {
        List<ClearEvaluation.Clear> records = new ArrayList<>(ClearEvaluation.registers(
                Registers.draw(new Registers.Settings(600, 5, 9, "IDN", 2024))));
        LinkageCeiling.Ceiling all = ClearCeiling.of(records, 1);
        LinkageCeiling.Ceiling sampled = ClearCeiling.of(records, 1, 0, 2_000_000);
        assertTrue(all.f1() > 0.8 && all.f1() < 1, all.toString());
        // the sample sees fewer of the rare stranger patterns, so it is a little more optimistic
        assertEquals(all.f1(), sampled.f1(), 0.02, "all " + all + ", sampled " + sampled);
    }
}
