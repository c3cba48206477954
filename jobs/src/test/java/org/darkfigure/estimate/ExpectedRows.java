package org.darkfigure.estimate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of ../shared/refdata/mse/expected.csv (copied to the test resources): one expected number
 * from an R reference implementation each, with the call that produced it (see the README beside it).
 */
record ExpectedRows(String dataset, String tool, String function, String model, String maxOrder, String quantity,
                    double value) {

    static List<ExpectedRows> all() {
        List<ExpectedRows> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                ExpectedRows.class.getResourceAsStream("/refdata/mse/expected.csv"), StandardCharsets.UTF_8))) {
            r.readLine();
            for (String line; (line = r.readLine()) != null; ) {
                List<String> f = split(line);
                rows.add(new ExpectedRows(f.get(0), f.get(1), f.get(2), f.get(3), f.get(4), f.get(5),
                        Double.parseDouble(f.get(6))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    static List<ExpectedRows> of(String function) {
        return all().stream().filter(r -> r.function().equals(function)).toList();
    }

    /** CSV with quoted model names such as "[12,13,23]" (also the Bayesian references' settings). */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        out.add(cell.toString());
        return out;
    }

    @Override
    public String toString() {
        return dataset + " " + model + (maxOrder.isEmpty() ? "" : " maxorder " + maxOrder) + " " + quantity + " = " + value;
    }
}
