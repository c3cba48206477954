package org.darkfigure.disclosure;

/**
 * Small-cell suppression of a two-way table of counts whose row and column totals are published (the
 * threshold rule of the OECD/UNECE glossary, with secondary suppression as tau-ARGUS and sdcTable do it).
 *
 * <p>Primary: every cell with 1 <= n < threshold is hidden (zeros are shown). Secondary: a row or column with
 * exactly one hidden cell would give it away by subtraction from its total, so the smallest other non-zero
 * cell of that row or column is hidden too (a zero only when nothing else is left; a row or column with no
 * other cell hides its total), repeated until every row and column hides none or at least two cells. Greedy,
 * so it may hide more than an optimal (linear-programming) pattern would; it never hides less than the rule.
 */
public final class CellSuppression {

    private CellSuppression() {
    }

    /** Which cells, row totals and column totals are hidden. */
    public record Pattern(boolean[][] cells, boolean[] rowTotals, boolean[] columnTotals, int primary, int secondary) {

        public boolean hidden(int row, int column) {
            return cells[row][column];
        }
    }

    public static Pattern suppress(long[][] counts, int threshold) {
        int rows = counts.length;
        int columns = rows == 0 ? 0 : counts[0].length;
        boolean[][] hidden = new boolean[rows][columns];
        boolean[] rowTotals = new boolean[rows];
        boolean[] columnTotals = new boolean[columns];
        int primary = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                if (counts[r][c] >= 1 && counts[r][c] < threshold) {
                    hidden[r][c] = true;
                    primary++;
                }
            }
        }
        int secondary = 0;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int r = 0; r < rows; r++) {
                int added = protect(counts, hidden, r, true, rowTotals);
                secondary += added;
                changed |= added > 0;
            }
            for (int c = 0; c < columns; c++) {
                int added = protect(counts, hidden, c, false, columnTotals);
                secondary += added;
                changed |= added > 0;
            }
        }
        return new Pattern(hidden, rowTotals, columnTotals, primary, secondary);
    }

    /** Hides one more cell of a row (or column) that hides exactly one; returns how many cells it hid. */
    private static int protect(long[][] counts, boolean[][] hidden, int index, boolean row, boolean[] totals) {
        int length = row ? counts[0].length : counts.length;
        int hiddenCount = 0;
        for (int i = 0; i < length; i++) {
            if (row ? hidden[index][i] : hidden[i][index]) {
                hiddenCount++;
            }
        }
        if (hiddenCount != 1 || totals[index]) {
            return 0;
        }
        // the smallest non-zero cell still shown; a zero only if there is none
        int best = -1;
        long bestN = Long.MAX_VALUE;
        for (int i = 0; i < length; i++) {
            if (row ? hidden[index][i] : hidden[i][index]) {
                continue;
            }
            long n = row ? counts[index][i] : counts[i][index];
            long rank = n >= 1 ? n : Long.MAX_VALUE - 1;
            if (rank < bestN) {
                best = i;
                bestN = rank;
            }
        }
        if (best < 0) {
            totals[index] = true; // nothing else to hide: the total would reveal the cell
            return 0;
        }
        if (row) {
            hidden[index][best] = true;
        } else {
            hidden[best][index] = true;
        }
        return 1;
    }
}
