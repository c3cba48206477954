package org.darkfigure.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.darkfigure.estimate.loglinear.LogLinearModel;
import org.darkfigure.estimate.twolist.TwoListEstimator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two-list estimators on Seber (1982, p.107) as distributed with Rcapture ("seber_p107_2list":
 * n1 = 948, n2 = 421, m = 167). Expected numbers computed by hand from the closed forms in Seber
 * (1982), eqs. 3.1-3.7, to the digits shown.
 */
class TwoListEstimatorTest {

    private static final CaptureHistory SEBER = ReferenceTables.load("seber_p107_2list");

    @Test
    void lincoln_petersen_on_seber_p107() {
        Estimate e = TwoListEstimator.LINCOLN_PETERSEN.fit(SEBER, 0.95);
        assertEquals(948.0 * 421 / 167, e.total(), 1e-9); // 2389.8802...
        double var = 948.0 * 421 * (948 - 167) * (421 - 167) / (167.0 * 167 * 167);
        assertEquals(Math.sqrt(var), e.stderr(), 1e-9);
        assertEquals(1202, e.observed());
    }

    @Test
    void chapman_on_seber_p107() {
        Estimate e = TwoListEstimator.CHAPMAN.fit(SEBER, 0.95);
        assertEquals(949.0 * 422 / 168 - 1, e.total(), 1e-9); // 2382.8214...
        double var = 949.0 * 422 * (948 - 167) * (421 - 167) / (168.0 * 168 * 169);
        assertEquals(Math.sqrt(var), e.stderr(), 1e-9);
        assertEquals(EstimateStatus.OK, e.status());
    }

    @Test
    void independence_log_linear_model_on_two_lists_is_lincoln_petersen() {
        Estimate loglinear = LogLinearModel.independence(2).fit(SEBER, 0.95);
        assertEquals(948.0 * 421 / 167, loglinear.total(), 1e-6);
        assertEquals("[1][2]", loglinear.model());
    }

    @Test
    void no_overlap_is_a_status_not_a_number_to_quote() {
        CaptureHistory disjoint = CaptureHistory.of(List.of("A", "B"), Map.of(0b01, 30L, 0b10, 20L));
        Estimate lp = TwoListEstimator.LINCOLN_PETERSEN.fit(disjoint, 0.95);
        assertEquals(EstimateStatus.NO_OVERLAP, lp.status());
        assertTrue(Double.isNaN(lp.total()));
        Estimate chapman = TwoListEstimator.CHAPMAN.fit(disjoint, 0.95);
        assertEquals(EstimateStatus.NO_OVERLAP, chapman.status());
        assertFalse(chapman.warnings().isEmpty());
    }

    @ParameterizedTest
    @EnumSource(TwoListEstimator.class)
    void every_two_list_estimator_keeps_the_invariants(TwoListEstimator estimator) {
        Estimate e = estimator.fit(SEBER, 0.95);
        assertTrue(e.total() >= e.observed(), "estimate >= observed");
        assertTrue(e.interval().contains(e.total()), "interval contains the point");
        assertTrue(e.interval().lower() >= e.observed(), "interval never below the observed count");
        CaptureHistory three = CaptureHistory.of(List.of("A", "B", "C"), Map.of(1, 1L));
        assertThrows(IllegalArgumentException.class, () -> estimator.fit(three, 0.95));
    }
}
