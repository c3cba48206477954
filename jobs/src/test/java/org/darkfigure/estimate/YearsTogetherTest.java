package org.darkfigure.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.darkfigure.estimate.loglinear.LogLinearModel;
import org.darkfigure.estimate.pooled.YearsTogether;
import org.junit.jupiter.api.Test;

/** Issue 15, part 3: a country's years estimated together, year as a stratifying covariate. */
class YearsTogetherTest {

    @Test
    void identical_years_give_each_the_all_two_way_estimate_of_one_table() {
        // the joint model with shared pairwise terms, fitted to two copies of a table, has the one-table all-two-way
        // fit in each year (the likelihood separates into two identical halves)
        CaptureHistory kosovo = ReferenceTables.load("kosovo");
        double single = LogLinearModel.allTwoWay(4).fitTo(kosovo).total();
        YearsTogether.Result r = YearsTogether.fit(List.of("1998", "1999"), List.of(kosovo, kosovo), 0.95);
        for (Estimate e : r.estimates()) {
            assertEquals(single, e.total(), 1e-6 * single);
            assertTrue(e.interval().lower() < e.total() && e.total() < e.interval().upper());
        }
        assertEquals(2 * 15 - (2 * 5 + 6), r.diagnostics().df(), "30 cells, 5 parameters per year and 6 shared pairs");
    }

    @Test
    void a_list_that_recorded_nobody_in_a_year_is_refused_with_its_name_and_year() {
        CaptureHistory full = CaptureHistory.of(List.of("A", "B", "C"), Map.of(1, 30L, 2, 40L, 3, 10L, 4, 20L, 5, 6L, 6, 8L, 7, 3L));
        CaptureHistory noC = CaptureHistory.of(List.of("A", "B", "C"), Map.of(1, 30L, 2, 40L, 3, 10L));
        var e = assertThrows(IllegalArgumentException.class,
                () -> YearsTogether.fit(List.of("2023", "2024"), List.of(full, noC), 0.95));
        assertTrue(e.getMessage().startsWith("list C recorded nobody in 2024"), e.getMessage());
    }
}
