package org.darkfigure.simulate;

import java.util.SplittableRandom;
import org.darkfigure.estimate.CaptureHistory;

/**
 * A data-generating process for the simulation study, with a known total: people are caught by K
 * lists independently, with pairwise dependence, or with heterogeneous catchability (a Rasch model:
 * logit p_ij = a_j + u_i, u_i ~ Normal(0, sigma), the model Darroch et al. 1993 approximate by a
 * log-linear model quadratic in the number of captures).
 */
public enum StudyScenario {
    INDEPENDENT("independent lists", 4, 1000, new double[] {0.2, 0.3, 0.25, 0.15}, 0, 0),
    PAIRWISE("lists 1 and 2 positively dependent (a person on list 1 is twice as likely on list 2)", 4, 1000,
            new double[] {0.2, 0.2, 0.25, 0.15}, 0, 2),
    HETEROGENEOUS("heterogeneous catchability (Rasch, sigma = 1)", 5, 1000, new double[] {0.2, 0.3, 0.25, 0.15, 0.2}, 1,
            0),
    DARROCH("heterogeneity exactly as Darroch's log-linear model (Mth Darroch, tau = 0.4)", 5, 1000,
            new double[] {0.2, 0.3, 0.25, 0.15, 0.2}, 0.4, 0),
    SPARSE("sparse table: 200 people, low capture probabilities", 3, 200, new double[] {0.15, 0.1, 0.12}, 0, 0),
    // the simulator's own process (as `simulate` and the demo draw it): four agencies whose catch rates are the
    // demo's (coast guard, immigration, NGO, police), a catchability shared by all lists, logit-normal with sd s
    SIMULATOR_05("the simulator's process, catchability sd 0.5", Process.simulator(0.5)),
    SIMULATOR_08("the simulator's process, catchability sd 0.8 (its default)", Process.simulator(0.8)),
    SIMULATOR_12("the simulator's process, catchability sd 1.2", Process.simulator(1.2)),
    // issue 15's situations of this domain, each a variation of SIMULATOR_08
    REFERRAL("sd 0.8, and the coast guard hands half of its people to immigration (positive dependence)",
            Process.simulator(0.8).withReferral(0, 1, 0.5)),
    AVOIDANCE("sd 0.8, and people known to the NGO are half as likely to reach the police (negative dependence)",
            Process.simulator(0.8).withAvoidance(2, 3, 0.5)),
    LIST_HETEROGENEITY("catchability matters more to some lists (loadings 1.2, 0.4, 1.2, 0.4)",
            Process.simulator(0.8).withLoadings(1.2, 0.4, 1.2, 0.4)),
    SPARSE_200("a sparse stratum: 200 people, half the catch rates, sd 0.8",
            Process.simulator(0.8).withTotal(200).withProbabilities(0.065, 0.15, 0.08, 0.115)),
    SMALL_3_LISTS("a small three-list stratum: 100 people, catch rates 0.20, 0.25, 0.18, sd 0.8 (the simulated smugglers)",
            Process.simulator(0.8).withTotal(100).withProbabilities(0.20, 0.25, 0.18)),
    SMALL_500("a small stratum: 500 people, the simulator's catch rates, sd 0.8", Process.simulator(0.8).withTotal(500)),
    LISTS_2("two lists (coast guard, immigration), sd 0.8", Process.simulator(0.8).withProbabilities(0.13, 0.30)),
    LISTS_3("three lists (coast guard, immigration, NGO), sd 0.8",
            Process.simulator(0.8).withProbabilities(0.13, 0.30, 0.16)),
    LISTS_5("five lists (and a second NGO), sd 0.8", Process.simulator(0.8).withProbabilities(0.13, 0.30, 0.16, 0.23, 0.15)),
    LISTS_6("six lists (and a second NGO and the labour inspectorate), sd 0.8",
            Process.simulator(0.8).withProbabilities(0.13, 0.30, 0.16, 0.23, 0.15, 0.10)),
    LINKAGE_ERRORS("sd 0.8, after linkage that misses 5% of a person's extra records and falsely merges 2% of people",
            Process.simulator(0.8).withLinkageErrors(0.05, 0.02));

    /**
     * A person-level process: catchability u_i ~ Normal(0, 1), logit p_ij = logit(p_j) + loading_j u_i; optionally
     * a referral (a person on list {@code from} is put on list {@code to} with probability {@code referral}), an
     * avoidance (on list {@code from}, list {@code to}'s probability times {@code avoidance}), and linkage errors
     * applied to the observed people (a missed link splits one list's record off a person on 2+ lists; a false
     * merge joins two people into one).
     */
    record Process(int total, double[] probabilities, double[] loadings, int from, int to, double referral,
                   double avoidance, double missedLinks, double falseMerges) {

        static Process simulator(double sd) {
            return new Process(2000, new double[] {0.13, 0.30, 0.16, 0.23}, new double[] {sd, sd, sd, sd}, -1, -1, 0, 1,
                    0, 0);
        }

        Process withTotal(int value) {
            return new Process(value, probabilities, loadings, from, to, referral, avoidance, missedLinks, falseMerges);
        }

        /** Other catch rates (and so, perhaps, another number of lists: loadings keep the first list's). */
        Process withProbabilities(double... value) {
            double[] l = new double[value.length];
            java.util.Arrays.fill(l, loadings[0]);
            return new Process(total, value, l, from, to, referral, avoidance, missedLinks, falseMerges);
        }

        Process withLoadings(double... value) {
            return new Process(total, probabilities, value, from, to, referral, avoidance, missedLinks, falseMerges);
        }

        Process withReferral(int a, int b, double probability) {
            return new Process(total, probabilities, loadings, a, b, probability, 1, missedLinks, falseMerges);
        }

        Process withAvoidance(int a, int b, double factor) {
            return new Process(total, probabilities, loadings, a, b, 0, factor, missedLinks, falseMerges);
        }

        Process withLinkageErrors(double missed, double merged) {
            return new Process(total, probabilities, loadings, from, to, referral, avoidance, missed, merged);
        }

        int lists() {
            return probabilities.length;
        }

        CaptureHistory draw(SplittableRandom random) {
            int k = lists();
            double[] logits = new double[k];
            for (int j = 0; j < k; j++) {
                logits[j] = Math.log(probabilities[j] / (1 - probabilities[j]));
            }
            java.util.List<Integer> people = new java.util.ArrayList<>();
            for (int person = 0; person < total; person++) {
                double u = Simulator.gaussian(random);
                int pattern = 0;
                for (int j = 0; j < k; j++) {
                    double p = 1 / (1 + Math.exp(-(logits[j] + loadings[j] * u)));
                    if (j == to && (pattern & (1 << from)) != 0) {
                        p = p * avoidance + (1 - p * avoidance) * referral;
                    }
                    if (random.nextDouble() < p) {
                        pattern |= 1 << j;
                    }
                }
                if (pattern != 0) {
                    people.add(pattern);
                }
            }
            if (missedLinks > 0 || falseMerges > 0) {
                people = linkageErrors(people, random);
            }
            long[] counts = new long[1 << k];
            people.forEach(p -> counts[p]++);
            return new CaptureHistory(names(k), counts);
        }

        private java.util.List<Integer> linkageErrors(java.util.List<Integer> people, SplittableRandom random) {
            java.util.List<Integer> out = new java.util.ArrayList<>();
            for (int pattern : people) {
                if (Integer.bitCount(pattern) >= 2 && random.nextDouble() < missedLinks) {
                    int lists = Integer.bitCount(pattern);
                    int pick = random.nextInt(lists); // which of the person's lists loses its link
                    int bit = pattern;
                    for (int i = 0; i < pick; i++) {
                        bit &= bit - 1;
                    }
                    bit = Integer.lowestOneBit(bit);
                    out.add(pattern & ~bit);
                    out.add(bit);
                } else {
                    out.add(pattern);
                }
            }
            long merges = Math.round(falseMerges * out.size());
            for (long m = 0; m < merges && out.size() > 1; m++) {
                int a = random.nextInt(out.size());
                int merged = out.get(a);
                out.set(a, out.get(out.size() - 1));
                out.remove(out.size() - 1);
                int b = random.nextInt(out.size());
                out.set(b, out.get(b) | merged);
            }
            return out;
        }
    }

    private final String description;
    private final int lists;
    private final int total;
    private final double[] probabilities;
    private final double sigma;
    private final double dependence;
    private final Process process;

    StudyScenario(String description, Process process) {
        this(description, process.lists(), process.total(), process.probabilities(), 0, 0, process);
    }

    StudyScenario(String description, int lists, int total, double[] probabilities, double sigma, double dependence) {
        this(description, lists, total, probabilities, sigma, dependence, null);
    }

    StudyScenario(String description, int lists, int total, double[] probabilities, double sigma, double dependence,
                  Process process) {
        this.process = process;
        this.description = description;
        this.lists = lists;
        this.total = total;
        this.probabilities = probabilities;
        this.sigma = sigma;
        this.dependence = dependence;
    }

    public String description() {
        return description;
    }

    public int lists() {
        return lists;
    }

    public int total() {
        return total;
    }

    /** One table drawn from the scenario. */
    public CaptureHistory draw(SplittableRandom random) {
        if (this == DARROCH) {
            return drawLogLinear(random);
        }
        if (process != null) {
            return process.draw(random);
        }
        long[] counts = new long[1 << lists];
        double[] logits = new double[lists];
        for (int j = 0; j < lists; j++) {
            logits[j] = Math.log(probabilities[j] / (1 - probabilities[j]));
        }
        for (int person = 0; person < total; person++) {
            double u = sigma == 0 ? 0 : Simulator.gaussian(random) * sigma;
            int pattern = 0;
            for (int j = 0; j < lists; j++) {
                double p = 1 / (1 + Math.exp(-(logits[j] + u)));
                if (j == 1 && dependence > 0 && (pattern & 1) != 0) {
                    p = Math.min(1, dependence * p); // on list 1: twice as likely on list 2
                }
                if (random.nextDouble() < p) {
                    pattern |= 1 << j;
                }
            }
            counts[pattern]++;
        }
        counts[0] = 0;
        return new CaptureHistory(names(lists), counts);
    }

    /**
     * The population spread over all 2^K cells (the unobserved one included) with probabilities
     * proportional to exp(sum_j a_j c_j + tau k^2 / 2): Darroch et al.'s (1993) heterogeneity model, so
     * Mth Darroch is the true model.
     */
    private CaptureHistory drawLogLinear(SplittableRandom random) {
        int cells = 1 << lists;
        double[] weight = new double[cells];
        double sum = 0;
        for (int p = 0; p < cells; p++) {
            double eta = sigma * Math.pow(Integer.bitCount(p), 2) / 2;
            for (int j = 0; j < lists; j++) {
                if ((p & (1 << j)) != 0) {
                    eta += Math.log(probabilities[j] / (1 - probabilities[j]));
                }
            }
            weight[p] = Math.exp(eta);
            sum += weight[p];
        }
        double[] cumulative = new double[cells];
        double running = 0;
        for (int p = 0; p < cells; p++) {
            running += weight[p] / sum;
            cumulative[p] = running;
        }
        long[] counts = new long[cells];
        for (int person = 0; person < total; person++) {
            double u = random.nextDouble();
            int p = 0;
            while (p < cells - 1 && cumulative[p] <= u) {
                p++;
            }
            counts[p]++;
        }
        counts[0] = 0;
        return new CaptureHistory(names(lists), counts);
    }

    private static java.util.List<String> names(int k) {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int j = 0; j < k; j++) {
            names.add("L" + (j + 1));
        }
        return names;
    }
}
