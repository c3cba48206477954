package org.darkfigure.disclosure;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Small-cell suppression of two breakdowns of the same people published side by side, without their
 * cross-tabulation: persons by route and persons by transport mode. Each breakdown sums to the same total,
 * and much of the cross-tabulation is public knowledge (the Timor Sea is crossed by sea), so one breakdown
 * can give away a cell hidden in the other: with routes TIMOR_SEA 3 (hidden) and MALACCA_STRAIT 50 and
 * mode SEA 53, the 3 is 53 - 50.
 *
 * <p>The rule: link each route to the modes it was used with (the cross-tabulation's non-empty cells; the
 * margins are published, the cells are not). Within a connected group of routes and modes, the routes' sum
 * equals the modes' sum, the only exact relation the margins obey; a group is protected like a row with a
 * published total ({@link CellSuppression}): primary suppression of 1 <= n < threshold, and a group hiding
 * exactly one value also hides its smallest other non-zero value.
 */
public final class LinkedMargins {

    private LinkedMargins() {
    }

    /** The hidden row margins (routes) and column margins (modes), and the margins themselves. */
    public record Pattern(Map<String, Long> rows, Map<String, Long> columns, Set<String> hiddenRows,
                          Set<String> hiddenColumns) {
    }

    /** @param cells row -> column -> count: the cross-tabulation (only its margins will be published) */
    public static Pattern suppress(Map<String, Map<String, Long>> cells, int threshold) {
        Map<String, Long> rows = new TreeMap<>();
        Map<String, Long> columns = new TreeMap<>();
        cells.forEach((row, byColumn) -> byColumn.forEach((column, n) -> {
            rows.merge(row, n, Long::sum);
            columns.merge(column, n, Long::sum);
        }));
        // nodes: "r:" + row and "c:" + column; a cell joins its row and its column
        Map<String, String> parent = new LinkedHashMap<>();
        rows.keySet().forEach(r -> parent.put("r:" + r, "r:" + r));
        columns.keySet().forEach(c -> parent.put("c:" + c, "c:" + c));
        cells.forEach((row, byColumn) -> byColumn.keySet().forEach(column ->
                parent.put(find(parent, "r:" + row), find(parent, "c:" + column))));
        Map<String, List<String>> groups = new LinkedHashMap<>();
        parent.keySet().forEach(node -> groups.computeIfAbsent(find(parent, node), k -> new ArrayList<>()).add(node));

        Set<String> hiddenRows = new HashSet<>();
        Set<String> hiddenColumns = new HashSet<>();
        for (List<String> group : groups.values()) {
            long[][] values = new long[1][group.size()];
            for (int i = 0; i < group.size(); i++) {
                String node = group.get(i);
                values[0][i] = node.startsWith("r:") ? rows.get(node.substring(2)) : columns.get(node.substring(2));
            }
            CellSuppression.Pattern pattern = CellSuppression.suppress(values, threshold);
            for (int i = 0; i < group.size(); i++) {
                if (pattern.hidden(0, i)) {
                    String node = group.get(i);
                    (node.startsWith("r:") ? hiddenRows : hiddenColumns).add(node.substring(2));
                }
            }
        }
        return new Pattern(rows, columns, Set.copyOf(hiddenRows), Set.copyOf(hiddenColumns));
    }

    private static String find(Map<String, String> parent, String node) {
        String root = node;
        while (!parent.get(root).equals(root)) {
            root = parent.get(root);
        }
        return root;
    }
}
