package org.darkfigure.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.darkfigure.estimate.loglinear.ExistenceCheck;
import org.darkfigure.estimate.loglinear.HierarchicalModels;
import org.darkfigure.estimate.loglinear.LogLinearModel;
import org.darkfigure.estimate.loglinear.ModelFit;
import org.darkfigure.estimate.loglinear.SparseTerms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExistenceCheckTest {

    /**
     * Artificial_3 (SparseMSE; Table 2 of Chan, Silverman &amp; Vincent 2021): the codes the package
     * documentation states, with the LP optima worked out in ../notes (AB alone or with AC or BC: the
     * margins force AC = BC = ABC = 0; all three pairs: 5 parameters on 4 cells).
     */
    @Test
    void artificial_3_codes_as_sparsemse_documents_them() {
        CaptureHistory h = ReferenceTables.load("artificial_3");
        Map<String, ExistenceCheck.Outcome> expected = Map.of(
                "[1][2][3]", ExistenceCheck.Outcome.OK,
                "[12][3]", ExistenceCheck.Outcome.MLE_DOES_NOT_EXIST,
                "[13][2]", ExistenceCheck.Outcome.OK,
                "[1][23]", ExistenceCheck.Outcome.OK,
                "[12][13]", ExistenceCheck.Outcome.MLE_DOES_NOT_EXIST,
                "[12][23]", ExistenceCheck.Outcome.MLE_DOES_NOT_EXIST,
                "[13][23]", ExistenceCheck.Outcome.OK,
                "[12][13][23]", ExistenceCheck.Outcome.NOT_IDENTIFIABLE);
        expected.forEach((model, outcome) -> {
            LogLinearModel m = LogLinearModel.parse(model, 3);
            assertEquals(outcome, ExistenceCheck.check(m, h), model + " (linear program)");
            assertEquals(outcome, ExistenceCheck.check(m.fitTo(h), h), model + " (from the fit)");
        });
        assertEquals(6.0, ExistenceCheck.maxMinimumCell(SparseTerms.reduce(LogLinearModel.parse("[13][23]", 3), h).design(),
                SparseTerms.reduce(LogLinearModel.parse("[13][23]", 3), h).counts()), 1e-9, "LP optimum of AC + BC");
    }

    /** The shortcut from the fit must decide as the linear program does, model by model. */
    @ParameterizedTest
    @ValueSource(strings = {"western_us", "new_orleans_5_mse", "korea", "hiv_rome"})
    void the_fit_based_check_agrees_with_the_linear_program_on_every_model(String dataset) {
        CaptureHistory h = ReferenceTables.load(dataset);
        List<LogLinearModel> models = HierarchicalModels.all(h.k(), h.k() - 1);
        for (LogLinearModel m : models) {
            ModelFit f = m.fitTo(h);
            if (f.glm() != null) {
                assertEquals(ExistenceCheck.check(m, h), ExistenceCheck.check(f, h), dataset + " " + m.name());
            }
        }
    }
}
