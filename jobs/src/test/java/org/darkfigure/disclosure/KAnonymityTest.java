package org.darkfigure.disclosure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.darkfigure.standard.RecordType;
import org.darkfigure.standard.Standard;
import org.junit.jupiter.api.Test;

/** Generalisation steps and the choice of levels, on tables small enough to check by hand. */
class KAnonymityTest {

    private static final Standard STANDARD = Standard.builtIn();
    private static final Hierarchy SEX = new Hierarchy.Category("sex");
    private static final Hierarchy CITIZENSHIP = new Hierarchy.Country("citizenship");

    // AFG, PAK, IRN: M49 "Southern Asia"; MMR, VNM: "South-eastern Asia"; all in region "Asia".
    private static final List<String[]> SIX = List.of(
            new String[] {"F", "AFG"}, new String[] {"F", "PAK"}, new String[] {"M", "AFG"},
            new String[] {"M", "IRN"}, new String[] {"M", "MMR"}, new String[] {"F", "VNM"});

    @Test
    void dates_become_month_quarter_year_and_are_never_released_to_the_day() {
        Hierarchy date = new Hierarchy.Period("detection_date");
        assertEquals("2024-05", date.generalise("2024-05-17", 0));
        assertEquals("2024-Q2", date.generalise("2024-05-17", 1));
        assertEquals("2024-Q4", date.generalise("2024-12-31", 1));
        assertEquals("2024", date.generalise("2024-05-17", 2));
        assertEquals(null, date.generalise(null, 1));
    }

    @Test
    void countries_become_m49_sub_region_then_region_then_hidden() {
        assertEquals("AFG", CITIZENSHIP.generalise("AFG", 0));
        assertEquals("Southern Asia", CITIZENSHIP.generalise("AFG", 1));
        assertEquals("South-eastern Asia", CITIZENSHIP.generalise("MMR", 1));
        assertEquals("Asia", CITIZENSHIP.generalise("MMR", 2));
        assertEquals("*", CITIZENSHIP.generalise("MMR", 3));
        // stateless is rare and says nothing of a region; unknown is common and says nothing at all
        assertEquals("*", CITIZENSHIP.generalise("XXA", 1));
        assertEquals("UNK", CITIZENSHIP.generalise("UNK", 2));
    }

    @Test
    void age_bands_of_the_code_list_become_minor_or_adult() {
        Hierarchy.AgeBand band = new Hierarchy.AgeBand("age_band", STANDARD.requireCodeList("age_band").ranges());
        assertEquals("Y0T17", band.generalise("Y14T17", 1));
        assertEquals("Y0T17", band.generalise("Y0T13", 1));
        assertEquals("Y18T_MAX", band.generalise("Y35T_MAX", 1));
        assertEquals("*", band.generalise("Y18T34", 2));
        assertEquals("Y14T17", band.bandOf(16));
        assertEquals("Y35T_MAX", band.bandOf(40));
    }

    @Test
    void every_level_is_a_function_of_level_zero_so_classes_can_be_counted_once_at_level_zero() {
        Hierarchy.AgeBand band = new Hierarchy.AgeBand("age_band", STANDARD.requireCodeList("age_band").ranges());
        Map<Hierarchy, List<String>> values = Map.of(
                new Hierarchy.Period("d"), List.of("2024-01-01", "2024-05-17", "2023-12-31"),
                CITIZENSHIP, List.of("AFG", "MMR", "XXA", "UNK", "TWN"),
                band, List.of("Y0T13", "Y18T34", "UNK"),
                SEX, List.of("F", "M"),
                new Hierarchy.Kept("country"), List.of("IDN"));
        values.forEach((h, vs) -> {
            for (String v : vs) {
                for (int level = 0; level <= h.top(); level++) {
                    assertEquals(h.generalise(v, level), h.generalise(h.generalise(v, 0), level), h + " " + v + " " + level);
                }
            }
        });
    }

    /*
     * k = 2, nothing may be withheld. Levels (0,0): six classes of one. Citizenship has more distinct values
     * (5 vs 2) -> (0,1): (F, Southern Asia) 2, (M, Southern Asia) 2, (M, South-eastern Asia) 1,
     * (F, South-eastern Asia) 1 -> 2 records still alone. Both have 2 distinct values; the tie goes to the
     * earlier, sex -> (1,1): (*, Southern Asia) 4, (*, South-eastern Asia) 2. Done.
     */
    @Test
    void coarsens_the_widest_quasi_identifier_first_until_every_class_has_k_records() {
        FrequencyTable table = FrequencyTable.of(List.of(SEX, CITIZENSHIP), SIX);
        KAnonymity.Plan plan = KAnonymity.plan(List.of(SEX, CITIZENSHIP), table, 2, 0);
        assertArrayEquals(new int[] {1, 1}, plan.levels());
        assertEquals(0, plan.withheld());
        assertEquals(6, table.release(plan, 2).size());
    }

    @Test
    void withholds_records_instead_of_coarsening_when_few_enough_are_left_alone() {
        FrequencyTable table = FrequencyTable.of(List.of(SEX, CITIZENSHIP), SIX);
        KAnonymity.Plan plan = KAnonymity.plan(List.of(SEX, CITIZENSHIP), table, 2, 2);
        assertArrayEquals(new int[] {0, 1}, plan.levels());
        assertEquals(2, plan.withheld());
        List<String[]> released = table.release(plan, 2);
        assertEquals(4, released.size());
        assertTrue(released.stream().noneMatch(r -> r[1].equals("South-eastern Asia")));
    }

    @Test
    void with_k_of_one_nothing_changes_and_a_lone_record_is_withheld_whatever_the_levels() {
        assertArrayEquals(new int[] {0, 0}, KAnonymity.plan(List.of(SEX, CITIZENSHIP),
                FrequencyTable.of(List.of(SEX, CITIZENSHIP), SIX), 1, 0).levels());
        FrequencyTable one = FrequencyTable.of(List.of(SEX, CITIZENSHIP), List.<String[]>of(new String[] {"F", "AFG"}));
        KAnonymity.Plan plan = KAnonymity.plan(List.of(SEX, CITIZENSHIP), one, 2, 0);
        assertArrayEquals(new int[] {1, 3}, plan.levels());
        assertEquals(1, plan.withheld());
        assertTrue(one.release(plan, 2).isEmpty());
    }

    @Test
    void every_released_class_has_k_records_on_random_tables() {
        SplittableRandom random = new SplittableRandom(7);
        String[] countries = {"AFG", "PAK", "IRN", "MMR", "VNM", "SOM", "XXA", "UNK", "IRQ", "LKA"};
        Hierarchy date = new Hierarchy.Period("d");
        List<Hierarchy> qis = List.of(SEX, CITIZENSHIP, date);
        for (int t = 0; t < 200; t++) {
            int n = 1 + random.nextInt(300);
            List<String[]> rows = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                rows.add(new String[] {random.nextBoolean() ? "F" : "M", countries[random.nextInt(countries.length)],
                        "2024-" + String.format("%02d", 1 + random.nextInt(12)) + "-01"});
            }
            int k = 2 + random.nextInt(10);
            FrequencyTable table = FrequencyTable.of(qis, rows);
            KAnonymity.Plan plan = KAnonymity.plan(qis, table, k, n / 100);
            List<String[]> released = table.release(plan, k);
            Map<String, Integer> sizes = new HashMap<>();
            released.forEach(r -> sizes.merge(String.join("|", r), 1, Integer::sum));
            assertTrue(sizes.values().stream().allMatch(s -> s >= k), "table " + t);
            assertEquals(n - plan.withheld(), released.size(), "table " + t);
            assertTrue(plan.withheld() <= n / 100 || plan.levels()[0] == 1 && plan.levels()[1] == 3
                    && plan.levels()[2] == 2, "withholds more than allowed only when nothing can be coarsened further");
        }
    }

    @Test
    void migrant_records_lose_linkage_sensitive_and_identifying_fields_and_keep_their_strata() {
        RecordType migrant = STANDARD.require("migrant", 1);
        MicrodataForm form = MicrodataForm.of(migrant, STANDARD.requireCodeList("age_band"));
        assertEquals(List.of("record_id", "incident_id", "linkage_key", "lk_name_bf", "lk_name_ph", "lk_dob_hash",
                "lk_dob_bf", "lk_dob_var", "lk_doc_hash", "lk_doc_bf", "birth_year", "unaccompanied_minor"), List.copyOf(form.dropped().keySet()));
        List<String> qis = form.quasiIdentifiers().stream().map(Hierarchy::column).toList();
        assertEquals(List.of("reporting_country", "detection_date", "detection_context", "detection_area", "sex",
                "age_band", "citizenship", "country_of_departure", "intended_destination", "transport_mode"), qis);
        assertTrue(form.quasiIdentifiers().get(0) instanceof Hierarchy.Kept, "the member state is never coarsened");
        assertEquals(form.birthYear(), java.util.Optional.of("birth_year"));
        assertFalse(form.columns().stream().anyMatch(h -> h.column().startsWith("lk_")));

        MicrodataForm offender = MicrodataForm.of(STANDARD.require("offender", 1), STANDARD.requireCodeList("age_band"));
        assertTrue(offender.columns().stream().anyMatch(h -> h.column().equals("age_band")),
                "offenders' year of birth becomes an age band too");
        assertTrue(offender.dropped().containsKey("sentence_months"));
        MicrodataForm incident = MicrodataForm.of(STANDARD.require("incident", 1), STANDARD.requireCodeList("age_band"));
        assertTrue(incident.dropped().containsKey("latitude"));
        assertTrue(incident.quasiIdentifiers().isEmpty());
    }
}
