package org.darkfigure.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 18, item 10: a report reads by rule, errors first, with counts over every row. */
class ProblemGroupTest {

    private static ValidationReport report() {
        ValidationReport.Collector c = ValidationReport.collector(3);
        c.add(Problem.of(null, "extra", null, Rule.HEADER_UNKNOWN_COLUMN, "unknown column extra"));
        for (long row = 2; row < 12; row++) {
            c.add(Problem.of(row, "detection_date", "2024-03-0" + (row % 9 + 1), Rule.DATE_OUTSIDE_PERIOD,
                    "detection_date 2024-03-0" + (row % 9 + 1) + " is outside the declared period 2023"));
        }
        c.add(Problem.of(4L, "sex", "=1+1", Rule.FORMULA_LIKE_VALUE, "sex '=1+1' starts like a spreadsheet formula"));
        return c.build();
    }

    @Test
    void problems_are_grouped_by_rule_errors_first_and_most_frequent_first() {
        List<ProblemGroup> groups = report().groups();
        assertEquals(List.of("DATE_OUTSIDE_PERIOD", "HEADER_UNKNOWN_COLUMN", "FORMULA_LIKE_VALUE"),
                groups.stream().map(ProblemGroup::rule).toList());
        assertEquals("10 rows", groups.get(0).where(), "counted over every row, though only 3 are listed");
        assertEquals(List.of("detection_date"), groups.get(0).columns());
        assertTrue(groups.get(0).example().contains("outside the declared period 2023"), groups.get(0).example());
        assertTrue(groups.get(0).hint().startsWith("All 2 dates listed are in 2024: did you declare the wrong period?"),
                groups.get(0).hint());
        assertEquals("the header", groups.get(1).where(), "not 'found in 0 rows'");
        assertEquals(Severity.WARNING, groups.get(2).severity());
    }

    @Test
    void the_groups_are_written_to_json_and_ignored_when_a_stored_report_is_read_back() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String written = json.writeValueAsString(report());
        JsonNode tree = json.readTree(written);
        assertEquals("DATE_OUTSIDE_PERIOD", tree.path("groups").path(0).path("rule").asText());
        ValidationReport back = json.readValue(written, ValidationReport.class);
        assertEquals(report().countsByRule(), back.countsByRule());
    }
}
