package org.darkfigure.simulate;

import java.util.List;

/**
 * One simulated (country, year): its true population size, how many distinct people at least one
 * source saw, and each source's records.
 */
public record Stratum(String country, int year, int trueTotal, int distinctObserved,
                      List<List<SimulatedRecord>> recordsBySource) {

    public Stratum {
        recordsBySource = recordsBySource.stream().map(List::copyOf).toList();
    }
}
