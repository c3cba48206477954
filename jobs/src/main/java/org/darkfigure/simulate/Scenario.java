package org.darkfigure.simulate;

import java.util.List;

/**
 * The settings of a synthetic world with a known truth. Each (country, year) has a closed
 * population; each source j records person i with probability logistic(sourceLogit_j + u_i),
 * u_i ~ Normal(0, heterogeneity): people who are easy to catch are easy for every agency, the
 * positive dependence real lists show. A recorded person is recorded a second time by the same
 * source with probability {@code duplicateRate}. With {@code noise}, agencies record identities with
 * typos, swapped name order, wrong birth dates and missing documents ({@link Identity#asRecorded}).
 */
public record Scenario(long seed, List<String> countries, int firstYear, int years, List<String> sources,
                       List<Double> sourceProbabilities, int meanPopulation, double heterogeneity,
                       double duplicateRate, boolean noise) {

    public Scenario {
        countries = List.copyOf(countries);
        sources = List.copyOf(sources);
        sourceProbabilities = List.copyOf(sourceProbabilities);
        if (sources.size() != sourceProbabilities.size()) {
            throw new IllegalArgumentException("one capture probability per source: " + sources.size() + " sources, "
                    + sourceProbabilities.size() + " probabilities");
        }
        if (sources.size() < 2) {
            throw new IllegalArgumentException("at least 2 sources are needed: " + sources.size());
        }
        for (double p : sourceProbabilities) {
            if (!(p > 0 && p < 1)) {
                throw new IllegalArgumentException("capture probability is not in (0, 1): " + p);
            }
        }
        if (years < 1 || meanPopulation < 1) {
            throw new IllegalArgumentException("years and meanPopulation must be positive");
        }
        if (!(duplicateRate >= 0 && duplicateRate < 1)) {
            throw new IllegalArgumentException("duplicateRate is not in [0, 1): " + duplicateRate);
        }
    }

    /** Four Bali Process countries, four years, four agencies of different reach. */
    public static Scenario withDefaults() {
        return new Scenario(42, List.of("IDN", "MYS", "THA", "AUS"), 2021, 4,
                List.of("POLICE", "IMMIGRATION", "COASTGUARD", "NGO"), List.of(0.20, 0.30, 0.12, 0.15),
                1500, 0.8, 0.03, true);
    }

    public Scenario withSeed(long value) {
        return new Scenario(value, countries, firstYear, years, sources, sourceProbabilities, meanPopulation,
                heterogeneity, duplicateRate, noise);
    }

    public Scenario withCountries(List<String> value) {
        return new Scenario(seed, value, firstYear, years, sources, sourceProbabilities, meanPopulation,
                heterogeneity, duplicateRate, noise);
    }

    public Scenario withYears(int first, int count) {
        return new Scenario(seed, countries, first, count, sources, sourceProbabilities, meanPopulation,
                heterogeneity, duplicateRate, noise);
    }

    public Scenario withMeanPopulation(int value) {
        return new Scenario(seed, countries, firstYear, years, sources, sourceProbabilities, value, heterogeneity,
                duplicateRate, noise);
    }

    public Scenario withHeterogeneity(double value) {
        return new Scenario(seed, countries, firstYear, years, sources, sourceProbabilities, meanPopulation, value,
                duplicateRate, noise);
    }

    public Scenario withDuplicateRate(double value) {
        return new Scenario(seed, countries, firstYear, years, sources, sourceProbabilities, meanPopulation,
                heterogeneity, value, noise);
    }

    public Scenario withSources(List<String> names, List<Double> probabilities) {
        return new Scenario(seed, countries, firstYear, years, names, probabilities, meanPopulation, heterogeneity,
                duplicateRate, noise);
    }

    public Scenario withNoise(boolean value) {
        return new Scenario(seed, countries, firstYear, years, sources, sourceProbabilities, meanPopulation,
                heterogeneity, duplicateRate, value);
    }

    /** The source id a country's agency uses in its files, e.g. IDN-POLICE. */
    public String sourceId(String country, int source) {
        return country + "-" + sources.get(source);
    }
}
