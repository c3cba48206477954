package org.darkfigure.estimate.search;

import java.util.List;
import java.util.Map;
import org.darkfigure.estimate.CaptureHistory;
import org.darkfigure.estimate.Estimate;

/**
 * Everything estimation says about one table: the estimate (model, total, interval, status, plain
 * warnings, diagnostics), every candidate model compared, the models set aside and why, and how the
 * model was chosen.
 */
public record EstimationResult(CaptureHistory history, Estimate estimate, List<Candidate> candidates,
                               Map<String, Long> setAside, String selection, long modelsSearched) {

    public EstimationResult {
        candidates = List.copyOf(candidates);
        setAside = Map.copyOf(setAside);
    }
}
