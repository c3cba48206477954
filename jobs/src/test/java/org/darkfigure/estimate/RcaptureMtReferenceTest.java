package org.darkfigure.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Rcapture 1.4.4 closedp.t "Mt" number in ../shared/refdata/mse/expected.csv (the log-linear
 * independence model): totals, standard errors, deviances and AIC/BIC to a relative 1e-6, df exactly.
 */
class RcaptureMtReferenceTest {

    static Stream<Arguments> mtRows() throws IOException {
        List<Arguments> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                RcaptureMtReferenceTest.class.getResourceAsStream("/refdata/mse/expected.csv"), StandardCharsets.UTF_8))) {
            r.readLine();
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.split(",", -1);
                if (f[2].equals("closedp.t") && f[3].equals("Mt")) {
                    rows.add(Arguments.of(f[0], f[5], Double.parseDouble(f[6])));
                }
            }
        }
        return rows.stream();
    }

    private static final Map<String, Estimate> FITS = new LinkedHashMap<>();

    private static Estimate fit(String dataset) {
        return FITS.computeIfAbsent(dataset, d -> {
            CaptureHistory h = ReferenceTables.load(d);
            return LogLinearModel.independence(h.k()).fit(h, 0.95);
        });
    }

    @ParameterizedTest(name = "Rcapture closedp.t Mt, {0}: {1} = {2}")
    @MethodSource("mtRows")
    void matches_rcapture(String dataset, String quantity, double expected) {
        Estimate e = fit(dataset);
        double actual = switch (quantity) {
            case "total" -> e.total();
            case "stderr" -> e.stderr();
            case "deviance" -> e.diagnostics().deviance();
            case "df" -> e.diagnostics().df();
            case "aic" -> e.diagnostics().aic();
            case "bic" -> e.diagnostics().bic();
            default -> throw new IllegalArgumentException(quantity);
        };
        assertEquals(expected, actual, Math.abs(expected) * 1e-6, dataset + " " + quantity);
    }
}
