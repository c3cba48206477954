package org.darkfigure.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.darkfigure.estimate.bayes.BayesianEstimate;
import org.darkfigure.estimate.bayes.Dga;
import org.darkfigure.estimate.search.Candidate;
import org.darkfigure.estimate.search.Estimation;
import org.darkfigure.estimate.search.EstimationOptions;
import org.darkfigure.estimate.search.EstimationResult;
import org.junit.jupiter.api.Test;

/**
 * The Bayesian comparison candidates of the pipeline's strata: they sit beside the search, never change the selected
 * estimate, and carry their posterior interval (and dga's model weights). Expected numbers: dga 2.0.2 on
 * madigan_york_3 with 1/N and delta 1/8 (../shared/refdata/mse/expected-bayes.csv: median 731, top model
 * {1,2},{3} at 0.7235) - here with the automatic bound instead of R's 300 unseen, which moves the quantiles by less
 * than a person but the top model's probability by 3e-4 (the posterior beyond 300 that R cuts off), hence 1e-3.
 */
class BayesianCandidatesTest {

    @Test
    void dga_candidate_has_the_posterior_interval_and_model_weights() {
        CaptureHistory h = ReferenceTables.load("madigan_york_3");
        List<Candidate> c = BayesianEstimate.comparison(h, 0.95, "dga");
        assertEquals(1, c.size());
        Candidate dga = c.get(0);
        assertEquals(731, dga.total(), 1, "dga 2.0.2 median, expected-bayes.csv");
        assertNotNull(dga.interval());
        assertEquals(694, dga.interval().lower(), 1, "dga 2.0.2 q2.5, expected-bayes.csv");
        assertEquals(786, dga.interval().upper(), 1, "dga 2.0.2 q97.5, expected-bayes.csv");
        assertEquals("[[1, 2], [3]]", dga.weights().get(0).model());
        assertEquals(0.7235183802, dga.weights().get(0).probability(), 1e-3, "dga 2.0.2 top_model_prob");
        assertEquals(0, dga.rank(), "a comparison, not ranked by the search");
    }

    @Test
    void the_search_still_chooses_the_estimate() {
        CaptureHistory h = ReferenceTables.load("korea");
        EstimationResult before = Estimation.run(h, EstimationOptions.withDefaults());
        List<Candidate> extra = BayesianEstimate.comparison(h, 0.95, "dga,lcmcr");
        assertEquals(2, extra.size());
        assertTrue(extra.get(1).model().startsWith("lcmcr"));
        EstimationResult after = Estimation.run(h, EstimationOptions.withDefaults());
        assertEquals(before.estimate(), after.estimate());
    }

    @Test
    void methods_are_named_or_none() {
        assertEquals(List.of(), BayesianEstimate.parseMethods("none"));
        assertEquals(List.of("dga", "lcmcr"), BayesianEstimate.parseMethods("dga, LCMCR"));
        assertThrows(IllegalArgumentException.class, () -> BayesianEstimate.parseMethods("bma"));
    }

    @Test
    void automatic_bound_leaves_a_negligible_tail() {
        Dga.Result r = Dga.fit(ReferenceTables.load("hiv_rome"), Dga.Options.defaults(4));
        assertTrue(r.posterior().upperTail(r.observed() + r.maxMissing() / 2) <= 1e-6);
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
        // dga 2.0.2 with nmissing_max = 60000 (expected-bayes.csv): median 11220
        assertEquals(11220, r.posterior().median(), 1);
    }
}
