package org.darkfigure.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.darkfigure.estimate.loglinear.LogLinearModel;
import org.darkfigure.estimate.loglinear.ModelFit;
import org.darkfigure.estimate.loglinear.ProfileLikelihood;
import org.darkfigure.estimate.search.Estimation;
import org.darkfigure.estimate.search.EstimationOptions;
import org.darkfigure.estimate.search.ModelAveraging;
import org.darkfigure.estimate.search.ModelSearch;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: the published default chosen by the simulation study (the all-two-way log-linear model, else the
 * search's models averaged), model averaging, the stated tie rule, and the known coverage each estimate carries.
 */
class DefaultRuleTest {

    @Test
    void the_default_is_the_all_two_way_model_with_its_profile_interval() {
        CaptureHistory kosovo = ReferenceTables.load("kosovo");
        Estimate byDefault = Estimation.run(kosovo, EstimationOptions.withDefaults()).estimate();
        Estimate named = Estimation.run(kosovo, EstimationOptions.withDefaults()
                .withModel("[12][13][14][23][24][34]")).estimate();
        assertEquals("[12][13][14][23][24][34]", byDefault.model());
        assertEquals(IntervalMethod.PROFILE_LIKELIHOOD, byDefault.interval().method());
        assertEquals(named.total(), byDefault.total(), 1e-9);
        assertEquals(named.interval().lower(), byDefault.interval().lower(), 1e-9);
        assertEquals(named.interval().upper(), byDefault.interval().upper(), 1e-9);
        assertEquals("[12][13][23]", LogLinearModel.allTwoWay(3).name());
    }

    @Test
    void where_the_all_two_way_model_cannot_be_estimated_the_searched_models_are_averaged_and_it_says_why() {
        // hepatitis_a_taiwan: the all-two-way model's fit has a large bias flag (three lists, 271 people)
        Estimate e = Estimation.run(ReferenceTables.load("hepatitis_a_taiwan"), EstimationOptions.withDefaults()).estimate();
        assertEquals(ModelAveraging.METHOD, e.method());
        assertEquals(IntervalMethod.MODEL_AVERAGED, e.interval().method());
        assertTrue(e.warnings().stream().anyMatch(w -> w.startsWith("The model with every pair of lists dependent cannot "
                + "be estimated from this table (its fit is flagged: large bias)")), e.warnings().toString());
        // the tied heterogeneity models (479, 737, 1,314) are all inside the averaged interval
        assertTrue(e.interval().lower() < 479 && e.interval().upper() > 1314, e.interval().toString());
    }

    @Test
    void averaging_one_model_gives_its_profile_interval() {
        // MATA-PL with a single model of weight 1 is that model's profile-likelihood interval (Fletcher & Turek 2012)
        CaptureHistory korea = ReferenceTables.load("korea");
        ModelFit fit = LogLinearModel.parse("[12][23]", 3).fitTo(korea);
        Estimate averaged = ModelAveraging.average(List.of(fit), korea, Criterion.BIC, 0.95);
        ProfileLikelihood.Result profile = ProfileLikelihood.interval(fit, korea, 0.95);
        // Rcapture closedpCI.t on korea [12,23]: 157.1666667 [128.953119, 226.400466]
        assertEquals(157.1666667, averaged.total(), 1e-6);
        assertEquals(profile.lower(), averaged.interval().lower(), 0.02);
        assertEquals(profile.upper(), averaged.interval().upper(), 0.02);
        assertEquals(128.953119, averaged.interval().lower(), 0.05);
        assertEquals(226.400466, averaged.interval().upper(), 0.05);
    }

    @Test
    void tied_models_get_equal_weights_and_a_selection_breaks_the_tie_by_the_stated_rule() {
        CaptureHistory hepatitis = ReferenceTables.load("hepatitis_a_taiwan");
        ModelSearch.Result search = ModelSearch.withDefaults().run(hepatitis);
        // Mh Chao (LB), Mh Poisson2 and Mh Darroch fit three lists identically; BIC differs in the 13th digit
        assertEquals("Mh Chao (LB)", search.selected().orElseThrow().name(), "same parameters: the first in closedp.t's order");
        List<ModelAveraging.Weighted> w = ModelAveraging.weights(search.ranked().subList(0, 3), Criterion.BIC);
        assertEquals(w.get(0).weight(), w.get(2).weight(), 1e-9);
        assertEquals("Mh Chao (LB)", w.get(0).fit().name());
        Estimate selected = Estimation.run(hepatitis, EstimationOptions.withDefaults()
                .withCombination(EstimationOptions.Combination.SELECT)).estimate();
        assertTrue(selected.warnings().get(0).startsWith("3 models fit this table equally well (Mh Chao (LB), Mh Poisson2, "
                + "Mh Darroch) and give totals from 479 to 1314"), selected.warnings().toString());
    }

    @Test
    void every_default_estimate_knows_the_coverage_the_study_measured_in_its_situation() {
        assertEquals(KnownCoverage.TWO_LISTS, KnownCoverage.of(2, 5000, false));
        assertEquals(KnownCoverage.SMALL_TABLE, KnownCoverage.of(4, 120, false));
        assertEquals(KnownCoverage.SMALL_TABLE, KnownCoverage.of(4, 5000, true));
        assertEquals(KnownCoverage.THREE_LISTS, KnownCoverage.of(3, 5000, false));
        assertEquals(KnownCoverage.FOUR_OR_MORE_LISTS, KnownCoverage.of(6, 5000, false));
        Quality twoLists = Quality.ofDefault(EstimateStatus.OK, List.of(), KnownCoverage.TWO_LISTS);
        assertEquals(Quality.Flag.CAUTION, twoLists.flag());
        assertTrue(twoLists.reasons().get(0).startsWith("The interval is known to be too narrow in situations like this "
                + "one (two lists)"), twoLists.reasons().toString());
        if (KnownCoverage.THREE_LISTS.holds()) {
            assertNull(KnownCoverage.THREE_LISTS.caveat());
            assertEquals(Quality.Flag.RELIABLE, Quality.ofDefault(EstimateStatus.OK, List.of(), KnownCoverage.THREE_LISTS)
                    .flag());
        }
        assertEquals(Quality.Flag.NOT_ESTIMABLE, Quality.ofDefault(EstimateStatus.NOT_ESTIMABLE, List.of("One list."),
                KnownCoverage.TWO_LISTS).flag());
    }
}
