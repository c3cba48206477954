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
    SIMULATOR_05("the simulator's process, catchability sd 0.5", 4, 2000, new double[] {0.13, 0.30, 0.16, 0.23}, 0.5, 0),
    SIMULATOR_08("the simulator's process, catchability sd 0.8 (its default)", 4, 2000,
            new double[] {0.13, 0.30, 0.16, 0.23}, 0.8, 0),
    SIMULATOR_12("the simulator's process, catchability sd 1.2", 4, 2000, new double[] {0.13, 0.30, 0.16, 0.23}, 1.2, 0);

    private final String description;
    private final int lists;
    private final int total;
    private final double[] probabilities;
    private final double sigma;
    private final double dependence;

    StudyScenario(String description, int lists, int total, double[] probabilities, double sigma, double dependence) {
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

    public int total() {
        return total;
    }

    /** One table drawn from the scenario. */
    public CaptureHistory draw(SplittableRandom random) {
        if (this == DARROCH) {
            return drawLogLinear(random);
        }
        long[] counts = new long[1 << lists];
        double[] logits = new double[lists];
        for (int j = 0; j < lists; j++) {
            logits[j] = Math.log(probabilities[j] / (1 - probabilities[j]));
        }
        for (int person = 0; person < total; person++) {
            double u = sigma == 0 ? 0 : gaussian(random) * sigma;
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
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int j = 0; j < lists; j++) {
            names.add("L" + (j + 1));
        }
        return new CaptureHistory(names, counts);
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
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int j = 0; j < lists; j++) {
            names.add("L" + (j + 1));
        }
        return new CaptureHistory(names, counts);
    }

    private static double gaussian(SplittableRandom random) {
        double u1 = random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
