package org.darkfigure.standard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class StandardTest {

    private final Standard standard = Standard.builtIn();

    @Test
    void migrant_v1_has_the_capture_recapture_fields_and_linkage_fields() {
        RecordType migrant = standard.require("migrant", 1);
        assertTrue(migrant.columnNames().containsAll(java.util.List.of("record_id", "source_id", "reporting_country",
                "detection_date", "linkage_key", "lk_name_bf", "sex", "birth_year", "age_band", "citizenship",
                "transport_mode", "route", "outcome")));
        assertTrue(migrant.fields().stream().filter(FieldSpec::required).map(FieldSpec::name).toList()
                .equals(java.util.List.of("record_id", "source_id", "reporting_country", "detection_date")));
        assertTrue(migrant.field("record_id").orElseThrow().unique());
        assertEquals(FieldType.DATE, migrant.field("detection_date").orElseThrow().type());
        assertTrue(migrant.field("linkage_key").orElseThrow().hasRole(Role.LK));
    }

    @Test
    void country_list_is_the_jdks_alpha3_list_not_a_hand_copy() {
        var countries = standard.requireCodeList("iso3166_alpha3");
        assertEquals(Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA3).size(), countries.size());
        assertTrue(countries.contains("IDN"));
        assertEquals("Indonesia", countries.labels().get("IDN"));
        assertFalse(countries.contains("XXA"), "reserved codes stay out of the ISO list");
        assertTrue(standard.requireCodeList("citizenship").contains("XXA"));
    }

    @Test
    void every_record_type_of_v1_loads_with_its_checks() {
        assertEquals(java.util.List.of("migrant", "incident", "offender", "capture_history"),
                standard.recordTypes().stream().map(RecordType::name).toList());
        assertEquals(5, standard.require("incident", 1).checks().size());
        assertTrue(standard.require("capture_history", 1).listColumns().isPresent());
        assertTrue(standard.require("offender", 1).field("offender_key").orElseThrow().hasRole(Role.LK));
        int[] adults = standard.requireCodeList("age_band").ranges().get("Y18T34");
        assertEquals(18, adults[0]);
        assertEquals(34, adults[1]);
    }

    @Test
    void unknown_record_type_or_version_is_absent() {
        assertTrue(standard.recordType("migrant", 99).isEmpty());
        assertTrue(standard.recordType("nope", 1).isEmpty());
    }

    @Test
    void periods_parse_as_sdmx_writes_them() {
        ReportingPeriod q = ReportingPeriod.parse("2024-Q2").orElseThrow();
        assertEquals(java.time.LocalDate.of(2024, 4, 1), q.start());
        assertEquals(java.time.LocalDate.of(2024, 6, 30), q.end());
        ReportingPeriod feb = ReportingPeriod.parse("2024-02").orElseThrow();
        assertEquals(java.time.LocalDate.of(2024, 2, 29), feb.end());
        assertEquals(java.time.LocalDate.of(2023, 12, 31), ReportingPeriod.parse("2023").orElseThrow().end());
        assertTrue(ReportingPeriod.parse("2024-W53").isEmpty());
        assertTrue(ReportingPeriod.parse("2024-13").isEmpty());
        assertTrue(ReportingPeriod.parse("24").isEmpty());
    }
}
