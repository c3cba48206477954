package org.darkfigure.estimate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of ../shared/refdata/mse/expected-bayes.csv (copied to the test resources; BAYES.md beside it gives the R
 * calls): one number (or, for top_model_cliques, dga's clique notation) from dga 2.0.2 or LCMCR 0.4.14 each.
 */
record ExpectedBayesRows(String dataset, String tool, String function, String settings, String quantity, String value) {

    static List<ExpectedBayesRows> all() {
        List<ExpectedBayesRows> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                ExpectedBayesRows.class.getResourceAsStream("/refdata/mse/expected-bayes.csv"), StandardCharsets.UTF_8))) {
            r.readLine();
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                List<String> f = ExpectedRows.split(line);
                rows.add(new ExpectedBayesRows(f.get(0), f.get(1), f.get(2), f.get(3), f.get(4), f.get(5)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** The rows of one tool, grouped by dataset and settings (one R run each), in file order. */
    static List<List<ExpectedBayesRows>> runs(String toolPrefix) {
        Map<String, List<ExpectedBayesRows>> runs = new LinkedHashMap<>();
        for (ExpectedBayesRows r : all()) {
            if (r.tool().startsWith(toolPrefix)) {
                runs.computeIfAbsent(r.dataset() + "|" + r.settings(), k -> new ArrayList<>()).add(r);
            }
        }
        return List.copyOf(runs.values());
    }

    /** The settings column as name -> value ("delta=1;prior=...;nmissing_max=300"). */
    Map<String, String> settingsMap() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : settings.split(";")) {
            int eq = part.indexOf('=');
            out.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
        return out;
    }

    double number() {
        return Double.parseDouble(value);
    }

    @Override
    public String toString() {
        return dataset + " [" + settings + "] " + quantity + " = " + value;
    }
}
