package org.darkfigure.disclosure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Hand-checked tables for the threshold rule with secondary suppression (threshold 5). */
class CellSuppressionTest {

    @Test
    void two_small_cells_in_different_rows_and_columns_close_a_rectangle() {
        //            2021 2022 2023
        long[][] t = {{3, 10, 12},    // IDN: 3 < 5 hidden; the row then needs a second: 10 (its smallest other)
                      {20, 15, 8},    // MYS: untouched
                      {7, 2, 30}};    // THA: 2 < 5 hidden; second: 7. Columns 2021 and 2022 then hide two each.
        CellSuppression.Pattern p = CellSuppression.suppress(t, 5);
        assertArrayEquals(new boolean[] {true, true, false}, p.cells()[0]);
        assertArrayEquals(new boolean[] {false, false, false}, p.cells()[1]);
        assertArrayEquals(new boolean[] {true, true, false}, p.cells()[2]);
        assertEquals(2, p.primary());
        assertEquals(2, p.secondary());
    }

    @Test
    void zeros_and_cells_at_the_threshold_are_shown() {
        long[][] t = {{0, 5, 9}, {6, 0, 7}};
        CellSuppression.Pattern p = CellSuppression.suppress(t, 5);
        for (boolean[] row : p.cells()) {
            assertArrayEquals(new boolean[] {false, false, false}, row);
        }
    }

    @Test
    void a_small_cell_alone_in_its_row_hides_the_row_total() {
        // one column: the row total is the cell itself; the column needs a second hidden cell
        long[][] t = {{4}, {30}, {12}};
        CellSuppression.Pattern p = CellSuppression.suppress(t, 5);
        assertTrue(p.cells()[0][0]);
        assertTrue(p.cells()[2][0], "the column's smallest other cell (12) is hidden");
        assertTrue(p.rowTotals()[0] && p.rowTotals()[2], "their row totals equal them");
    }

    @Test
    void no_row_or_column_ever_hides_exactly_one_cell_with_its_total_shown() {
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 500; trial++) {
            int rows = 1 + random.nextInt(6);
            int columns = 1 + random.nextInt(6);
            long[][] t = new long[rows][columns];
            for (long[] row : t) {
                for (int c = 0; c < columns; c++) {
                    row[c] = random.nextInt(4) == 0 ? random.nextInt(5) : random.nextInt(60);
                }
            }
            CellSuppression.Pattern p = CellSuppression.suppress(t, 5);
            for (int r = 0; r < rows; r++) {
                int hidden = 0;
                for (int c = 0; c < columns; c++) {
                    if (t[r][c] >= 1 && t[r][c] < 5) {
                        assertTrue(p.cells()[r][c], "primary cell shown");
                    }
                    hidden += p.cells()[r][c] ? 1 : 0;
                }
                assertTrue(hidden != 1 || p.rowTotals()[r], "row " + r + " of trial " + trial);
            }
            for (int c = 0; c < columns; c++) {
                int hidden = 0;
                for (int r = 0; r < rows; r++) {
                    hidden += p.cells()[r][c] ? 1 : 0;
                }
                assertTrue(hidden != 1 || p.columnTotals()[c], "column " + c + " of trial " + trial);
            }
        }
    }
}
