package org.darkfigure.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.darkfigure.read.RawRecord;
import org.darkfigure.read.CsvRowReader;
import org.darkfigure.standard.Standard;
import org.darkfigure.validate.ManifestCheck;
import org.darkfigure.submission.SubmissionManifest;
import org.junit.jupiter.api.Test;

class RecordValidatorTest {

    private static final String HEADER =
            "record_id,source_id,reporting_country,detection_date,linkage_key,sex,birth_year,citizenship\n";
    private static final org.darkfigure.standard.RecordType MIGRANT = Standard.builtIn().require("migrant", 1);
    private static final SubmissionManifest MANIFEST = new SubmissionManifest("IDN", "IDN-POLICE", "migrant", "2024", "1");

    private record Outcome(ValidationReport report, List<Object[]> rows) {
        Problem only() {
            assertEquals(1, report.problems().size(), () -> "problems: " + report.problems());
            return report.problems().get(0);
        }
    }

    private static Outcome validate(String csv) throws IOException {
        ValidationReport.Collector collector = ValidationReport.collector();
        ManifestCheck.Checked checked = ManifestCheck.check(Standard.builtIn(), MANIFEST).checked().orElseThrow();
        RecordValidator validator = new RecordValidator(Standard.builtIn(), checked, collector);
        List<Object[]> rows = new ArrayList<>();
        try (CsvRowReader reader = new CsvRowReader(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), ',')) {
            RawRecord header = reader.next();
            if (validator.acceptHeader(header)) {
                long n = 0;
                for (RawRecord r; (r = reader.next()) != null; n++) {
                    Object[] typed = validator.acceptRow(r);
                    if (typed != null) {
                        rows.add(typed);
                    }
                }
                collector.rowsRead(n);
            }
        }
        return new Outcome(collector.build(), rows);
    }

    @Test
    void a_keyed_linkage_field_beginning_with_a_dash_is_no_formula() throws IOException {
        // issue 18, item 10: base64url keys made by the pseudonymiser may begin with "-"
        Outcome o = validate(HEADER + "r1,IDN-POLICE,IDN,2024-03-07,-k1AbC,f,1990,afg\n");
        assertTrue(o.report().problems().isEmpty(), () -> o.report().problems().toString());
    }

    @Test
    void a_name_encoding_of_the_earlier_pseudonymiser_is_refused_with_what_to_do() throws IOException {
        // issue 16: the earlier encoding (1,024 bits, no version byte) is readable from a few hundred known records
        String earlier = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[128]);
        String current = new org.darkfigure.pseudonymise.BloomEncoding(new org.darkfigure.pseudonymise.Keyring(
                "a member state's secret".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .encode(java.util.List.of("ali", "reza"));
        String header = "record_id,source_id,reporting_country,detection_date,lk_name_bf\n";
        Problem p = validate(header + "r1,IDN-POLICE,IDN,2024-03-07," + earlier + "\n").only();
        assertEquals(Rule.ENCODING_OUTDATED, p.rule());
        assertEquals("lk_name_bf", p.column());
        assertEquals(2L, p.row());
        assertTrue(Rule.ENCODING_OUTDATED.hint().contains("./darkfigure pseudonymise"));
        Outcome ok = validate(header + "r1,IDN-POLICE,IDN,2024-03-07," + current + "\n");
        assertTrue(ok.report().problems().isEmpty(), () -> ok.report().problems().toString());
    }

    @Test
    void a_nul_byte_is_an_error_not_silently_trimmed() throws IOException {
        // issue 17: "k1\0" became "k1" without a word
        Outcome o = validate(HEADER + "r1,IDN-POLICE,IDN,2024-03-07,k1\u0000,f,1990,afg\n");
        Problem p = o.only();
        assertEquals(Rule.CONTROL_CHARACTER, p.rule());
        assertEquals("linkage_key", p.column());
        assertFalse(o.report().accepted());
    }

    @Test
    void every_control_character_is_refused_quoted_or_not_and_tab_is_not() throws IOException {
        // the CSV reader marks records free of them, so the validator scans only the others: both must agree
        for (int c = 0; c < 0x80; c++) {
            if (c >= 0x20 && c != 0x7f || c == '\n' || c == '\r') {
                continue;
            }
            String ch = String.valueOf((char) c);
            for (String value : new String[] {"k" + ch + "1", "\"k" + ch + "1\""}) {
                Outcome o = validate(HEADER + "r1,IDN-POLICE,IDN,2024-03-07," + value + ",f,1990,afg\n");
                if (c == '\t') { // allowed as a character; this column's pattern refuses it
                    assertEquals(Rule.PATTERN_MISMATCH, o.only().rule(), value);
                } else {
                    assertEquals(Rule.CONTROL_CHARACTER, o.only().rule(), "U+" + Integer.toHexString(c) + " in " + value);
                }
            }
        }
    }

    @Test
    void a_good_row_comes_back_typed_with_codes_upper_cased() throws IOException {
        Outcome o = validate(HEADER + "r1,IDN-POLICE,IDN,2024-03-07,k1,f,1990,afg\n");
        assertTrue(o.report().accepted());
        Object[] row = o.rows().get(0);
        assertEquals(LocalDate.of(2024, 3, 7), row[MIGRANT.indexOf("detection_date")]);
        assertEquals("F", row[MIGRANT.indexOf("sex")]);
        assertEquals(1990, row[MIGRANT.indexOf("birth_year")]);
        assertEquals("AFG", row[MIGRANT.indexOf("citizenship")]);
    }

    @Test
    void optional_values_may_be_empty() throws IOException {
        Outcome o = validate(HEADER + "r1,IDN-POLICE,IDN,2024-03-07,,,,\n");
        assertTrue(o.report().accepted());
        assertNull(o.rows().get(0)[MIGRANT.indexOf("linkage_key")]);
    }

    @Test
    void unknown_country_names_row_column_value_and_rule() throws IOException {
        Problem p = validate(HEADER + "r1,IDN-POLICE,IDN,2024-03-07,k1,F,1990,XYZ\n").only();
        assertEquals(2L, p.row());
        assertEquals("citizenship", p.column());
        assertEquals("XYZ", p.value());
        assertEquals(Rule.CODE_NOT_IN_LIST, p.rule());
        assertEquals(Severity.ERROR, p.severity());
    }

    @Test
    void unparsable_date_is_reported() throws IOException {
        Problem p = validate(HEADER + "r1,IDN-POLICE,IDN,07/03/2024,k1,F,1990,AFG\n").only();
        assertEquals(Rule.NOT_A_DATE, p.rule());
        assertEquals("detection_date", p.column());
        assertEquals(Rule.NOT_A_DATE, validate(HEADER + "r1,IDN-POLICE,IDN,2024-02-30,k1,F,1990,AFG\n").only().rule());
    }

    @Test
    void date_outside_the_period_and_rows_of_another_country_are_refused() throws IOException {
        assertEquals(Rule.DATE_OUTSIDE_PERIOD,
                validate(HEADER + "r1,IDN-POLICE,IDN,2023-12-31,k1,F,1990,AFG\n").only().rule());
        Problem p = validate(HEADER + "r1,IDN-POLICE,MYS,2024-01-31,k1,F,1990,AFG\n").only();
        assertEquals(Rule.DIFFERS_FROM_MANIFEST, p.rule());
        assertEquals("reporting_country", p.column());
    }

    @Test
    void missing_required_column_stops_before_rows_but_optional_ones_may_be_left_out() throws IOException {
        Outcome o = validate("record_id,source_id,reporting_country,linkage_key,sex,birth_year\n"
                + "r1,IDN-POLICE,IDN,k1,F,1990\n");
        Problem p = o.only();
        assertEquals(Rule.HEADER_MISSING_COLUMN, p.rule());
        assertEquals("detection_date", p.column());
        assertEquals(1L, p.row());
        assertTrue(validate("record_id,source_id,reporting_country,detection_date\nr1,IDN-POLICE,IDN,2024-03-07\n")
                .report().accepted());
    }

    @Test
    void a_clear_identifier_column_is_refused_with_the_way_out() throws IOException {
        Problem p = validate("record_id,source_id,reporting_country,detection_date,Family Name\n"
                + "r1,IDN-POLICE,IDN,2024-03-07,Smith\n").only();
        assertEquals(Rule.CLEAR_IDENTIFIER_COLUMN, p.rule());
        assertTrue(p.hint().contains("pseudonymise"));
    }

    @Test
    void age_band_must_agree_with_birth_year() throws IOException {
        String head = "record_id,source_id,reporting_country,detection_date,birth_year,age_band\n";
        assertTrue(validate(head + "r1,IDN-POLICE,IDN,2024-03-07,2007,Y14T17\n").report().accepted(),
                "born 2007: 16 or 17 in March 2024");
        assertTrue(validate(head + "r1,IDN-POLICE,IDN,2024-03-07,2006,Y14T17\n").report().accepted(),
                "born 2006: 17 or 18, the band may hold");
        assertEquals(Rule.AGE_BAND_MISMATCH, validate(head + "r1,IDN-POLICE,IDN,2024-03-07,1990,Y14T17\n").only().rule());
    }

    @Test
    void wrong_header_suggests_the_standard_name() throws IOException {
        Outcome o = validate(HEADER.replace("birth_year", "Birth Year") + "r1,IDN-POLICE,IDN,2024-03-07,k1,F,1990,AFG\n");
        Problem unknown = o.report().problems().stream().filter(p -> p.rule() == Rule.HEADER_UNKNOWN_COLUMN)
                .findFirst().orElseThrow();
        assertTrue(unknown.message().contains("did you mean 'birth_year'"), unknown.message());
        assertFalse(o.report().accepted());
    }

    @Test
    void too_many_values_names_the_extra_column() throws IOException {
        Problem p = validate(HEADER + "r1,IDN-POLICE,IDN,2024-03-07,k1,F,1990,AFG,extra\n").only();
        assertEquals(Rule.ROW_TOO_MANY_FIELDS, p.rule());
        assertEquals("(column 9)", p.column());
        assertEquals("extra", p.value());
    }

    @Test
    void duplicate_record_ids_and_out_of_range_years_are_errors() throws IOException {
        Outcome o = validate(HEADER + "r1,IDN-POLICE,IDN,2024-03-07,k1,F,1990,AFG\n"
                + "r1,IDN-POLICE,IDN,2024-03-08,k2,M,1890,AFG\n");
        List<Rule> rules = o.report().problems().stream().map(Problem::rule).toList();
        assertEquals(List.of(Rule.DUPLICATE_VALUE, Rule.OUT_OF_RANGE), rules);
        assertEquals(3L, o.report().problems().get(0).row());
    }

    @Test
    void every_row_is_counted_even_beyond_the_detail_limit() throws IOException {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 1500; i++) {
            csv.append("r").append(i).append(",IDN-POLICE,IDN,2024-03-07,k,X,1990,AFG\n");
        }
        ValidationReport report = validate(csv.toString()).report();
        assertEquals(1500, report.errors());
        assertEquals(ValidationReport.DEFAULT_DETAIL_LIMIT, report.problems().size());
        assertTrue(report.truncated());
        assertEquals(1500L, report.countsByColumn().get("sex"));
    }

    @Test
    void manifest_problems_name_the_attribute() {
        var result = ManifestCheck.check(Standard.builtIn(),
                new SubmissionManifest("XXX", "idn police", "migrant", "2024-W1", "7"));
        List<String> columns = result.problems().stream().map(Problem::column).toList();
        assertEquals(List.of("country", "source", "period", "recordType"), columns);
        assertNotNull(result.problems().get(0).message());
    }
}
