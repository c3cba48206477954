package org.darkfigure.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The log-linear independence model is Rcapture's Mt. Expected numbers: Rcapture 1.4.4
 * closedp.t, model Mt, from ../shared/refdata/mse/expected.csv; relative tolerance 1e-6.
 */
class IndependenceModelTest {

    @ParameterizedTest(name = "Rcapture closedp.t Mt, {0}")
    @CsvSource({
            "hare,  75.06620134, 3.352330991, 58.31415907, 56, 154.504576,  170.04113",
            "korea, 141.9926474, 6.297451071, 138.5548421, 3,  172.8955706, 184.1443081",
    })
    void matches_rcapture_mt(String dataset, double total, double stderr, double deviance, int df, double aic,
                             double bic) {
        CaptureHistory h = ReferenceTables.load(dataset);
        Estimate e = LogLinearModel.independence(h.k()).fit(h, 0.95);
        assertEquals(EstimateStatus.OK, e.status());
        assertEquals(total, e.total(), total * 1e-6, "total");
        assertEquals(stderr, e.stderr(), stderr * 1e-6, "stderr");
        assertEquals(deviance, e.diagnostics().deviance(), deviance * 1e-6, "deviance");
        assertEquals(df, e.diagnostics().df(), "df");
        assertEquals(aic, e.diagnostics().aic(), aic * 1e-6, "aic");
        assertEquals(bic, e.diagnostics().bic(), bic * 1e-6, "bic");
        assertTrue(e.interval().lower() >= h.observed() && e.interval().contains(e.total()));
    }
}
