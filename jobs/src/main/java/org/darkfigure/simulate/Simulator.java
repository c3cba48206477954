package org.darkfigure.simulate;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.darkfigure.pseudonymise.Keyring;
import org.darkfigure.pseudonymise.Pseudonymiser;

/**
 * Draws the synthetic world of a {@link Scenario}. Each stratum has its own random stream derived
 * from (seed, country, year), so the output is the same for a seed whatever is generated around it.
 */
public final class Simulator {

    private static final String[] CITIZENSHIPS = {"AFG", "MMR", "BGD", "IRN", "LKA", "PAK", "IRQ", "SOM", "VNM", "KHM"};
    private static final double[] CITIZENSHIP_WEIGHTS = {0.22, 0.20, 0.15, 0.10, 0.08, 0.08, 0.06, 0.04, 0.04, 0.03};

    private final Scenario scenario;

    public Simulator(Scenario scenario) {
        this.scenario = scenario;
    }

    /**
     * The strata one at a time, country by country and year by year, each made when it is asked for: a writer holds
     * one stratum's records, not the whole scenario's (16 million records do not fit in a benchmark's heap).
     */
    public Iterable<Stratum> eachStratum() {
        return () -> new java.util.Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < scenario.countries().size() * scenario.years();
            }

            @Override
            public Stratum next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                int at = next++;
                return stratum(scenario.countries().get(at / scenario.years()), scenario.firstYear() + at % scenario.years());
            }
        };
    }

    /** Every stratum, country by country and year by year. */
    public List<Stratum> strata() {
        List<Stratum> out = new ArrayList<>();
        eachStratum().forEach(out::add);
        return out;
    }

    public Stratum stratum(String country, int year) {
        SplittableRandom random = new SplittableRandom(mix(scenario.seed(), country.hashCode(), year));
        // Country size varies around the mean; years trend up or down by up to 15% a year.
        SplittableRandom countryRandom = new SplittableRandom(mix(scenario.seed(), country.hashCode(), 0));
        double countryScale = 0.5 + countryRandom.nextDouble();
        double trend = 0.85 + 0.3 * countryRandom.nextDouble();
        int size = Math.max(10, (int) Math.round(scenario.meanPopulation() * countryScale
                * Math.pow(trend, year - scenario.firstYear())));

        int k = scenario.sources().size();
        double[] logits = new double[k];
        for (int j = 0; j < k; j++) {
            double p = scenario.sourceProbabilities().get(j);
            logits[j] = Math.log(p / (1 - p));
        }
        List<List<SimulatedRecord>> bySource = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            bySource.add(new ArrayList<>());
        }
        int[] serial = new int[k];
        int seen = 0;
        Pseudonymiser pseudonymiser = new Pseudonymiser(new Keyring(secret(scenario.seed(), country)));
        for (int person = 0; person < size; person++) {
            double u = gaussian(random) * scenario.heterogeneity();
            Identity who = Identity.draw(random, year);
            String personId = country + "-" + year + "-" + person;
            String sex = random.nextDouble() < 0.3 ? "F" : "M";
            String citizenship = pick(random);
            boolean any = false;
            for (int j = 0; j < k; j++) {
                double p = 1 / (1 + Math.exp(-(logits[j] + u)));
                if (random.nextDouble() >= p) {
                    continue;
                }
                any = true;
                int copies = random.nextDouble() < scenario.duplicateRate() ? 2 : 1;
                for (int c = 0; c < copies; c++) {
                    String sourceId = scenario.sourceId(country, j);
                    LocalDate date = LocalDate.of(year, 1, 1).plusDays(random.nextInt(LocalDate.of(year, 1, 1).lengthOfYear()));
                    Identity recorded = scenario.noise() ? who.asRecorded(random) : who;
                    Map<String, String> lk = pseudonymiser.encode(recorded.given(), recorded.family(),
                            recorded.birth().toString(), recorded.document(), citizenship);
                    bySource.get(j).add(new SimulatedRecord(sourceId + "-" + year + "-" + (++serial[j]), sourceId,
                            country, date, lk, sex, recorded.birth().getYear(), citizenship, personId));
                }
            }
            if (any) {
                seen++;
            }
        }
        return new Stratum(country, year, size, seen, bySource);
    }

    /**
     * A simulated member state's secret (derived from the seed and the country: the data are synthetic). One per
     * member state, as the programme runs it (issue 16): its agencies share it, no other state or the hub holds it,
     * and linkage never crosses a member state.
     */
    static byte[] secret(long seed, String country) {
        return ("darkfigure simulation secret " + seed + " " + country).getBytes(StandardCharsets.UTF_8);
    }

    private static String pick(SplittableRandom random) {
        double r = random.nextDouble();
        for (int i = 0; i < CITIZENSHIPS.length; i++) {
            r -= CITIZENSHIP_WEIGHTS[i];
            if (r < 0) {
                return CITIZENSHIPS[i];
            }
        }
        return CITIZENSHIPS[CITIZENSHIPS.length - 1];
    }

    static double gaussian(SplittableRandom random) {
        // Box–Muller: SplittableRandom has no nextGaussian on Java 17.
        double u1 = random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    static long mix(long seed, int a, int b) {
        long z = seed * 0x9E3779B97F4A7C15L + a * 0xBF58476D1CE4E5B9L + b * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
