package org.darkfigure.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.darkfigure.pseudonymise.Keyring;
import org.darkfigure.pseudonymise.Pseudonymiser;
import org.junit.jupiter.api.Test;

/** Issue 16: dates of birth compared as registers hold them, from the keyed fields only. */
class DateOfBirthComparisonTest {

    private static final Pseudonymiser P = new Pseudonymiser(new Keyring("dates of birth test secret".getBytes(
            StandardCharsets.UTF_8)));

    private static LinkRecord record(String given, String family, String dob) {
        Map<String, String> e = P.encode(given, family, dob, null, null);
        String year = e.get("birth_year");
        return new LinkRecord(0, "", "S", e.get("linkage_key"), null, e.get("lk_name_ph"), e.get("lk_dob_hash"),
                LinkRecord.variants(e.get("lk_dob_var")), null, null, year.isEmpty() ? -1 : Integer.parseInt(year),
                null, null, -1, null, null);
    }

    private static String level(String dobA, String dobB) {
        int l = Comparison.dateOfBirth(record("Mohammad", "Karimi", dobA), record("Muhammad", "Karimi", dobB));
        return Comparison.FIELDS.get(Comparison.index("date_of_birth")).levels().get(l);
    }

    @Test
    void clerical_errors_in_a_date_have_their_own_levels() {
        assertEquals("same", level("1990-04-05", "1990-04-05"));
        assertEquals("day and month swapped", level("1990-04-05", "1990-05-04"));
        assertEquals("same day and month, year 1 apart", level("1990-04-05", "1991-04-05"));
        assertEquals("same day and month, year further apart", level("1990-04-05", "1980-04-05"));
        assertEquals("same year and month", level("1990-04-05", "1990-04-25"));
        assertEquals("same year and day", level("1990-04-05", "1990-09-05"));
        assertEquals("different date, year 1 apart", level("1990-04-05", "1991-09-25"));
        assertEquals("different date, same year", level("1990-04-05", "1990-09-25"));
        assertEquals("different", level("1990-04-05", "1985-09-25"));
    }

    @Test
    void placeholders_compare_by_what_they_say() {
        assertEquals("same year (a date known to the year)", level("1990-01-01", "1990-04-05"));
        assertEquals("same year (a date known to the year)", level("1990", "1990-01-01"));
        assertEquals("year 1 apart (a date known to the year)", level("1991-01-01", "1990-04-05"));
        assertEquals("same year and month", level("1990-04-01", "1990-04-05"), "the 1st: known to the month");
        assertEquals("different date, same year", level("1990-06-01", "1990-04-05"));
        assertEquals("different", level("1995-01-01", "1990-04-05"));
        assertEquals("missing", level("", "1990-04-05"));
    }

    @Test
    void a_year_one_off_is_forgiven_where_two_name_words_keep_their_first_and_last_letters() {
        // the sounds differ (Sharifi / Sfareefi), so the variants miss it; the near parts of lk_dob_hash find it
        LinkRecord a = record("Tekhejair", "Sharifi", "1996-11-24");
        assertEquals("same day and month, year 1 apart",
                new DateLevel(a, record("Tekhejair", "Sfareefi", "1997-11-24")).name());
        assertEquals("different date, year 1 apart", new DateLevel(a, record("Tekhejair", "Nguyen", "1997-11-24")).name(),
                "one name word in common");
    }

    private record DateLevel(LinkRecord a, LinkRecord b) {
        String name() {
            return Comparison.FIELDS.get(Comparison.index("date_of_birth")).levels().get(Comparison.dateOfBirth(a, b));
        }
    }

    @Test
    void the_variants_forgive_an_error_only_between_names_that_sound_the_same() {
        int l = Comparison.dateOfBirth(record("Mohammad", "Karimi", "1990-04-05"), record("Fatima", "Begum", "1990-05-04"));
        assertEquals("different date, same year", Comparison.FIELDS.get(Comparison.index("date_of_birth")).levels().get(l));
    }
}
