package org.darkfigure.link;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Fellegi–Sunter model of the comparison patterns, fitted without labels by EM (Winkler 1988) on the
 * table "pattern -> number of candidate pairs" (as Splink does): a mixture of matches and non-matches
 * with conditionally independent fields, m = P(level | match), u = P(level | non-match). Missing levels
 * carry no evidence. u may be fixed from random pairs (which are nearly all non-matches), as Splink
 * recommends; then EM estimates m and the match proportion only.
 */
public record FellegiSunter(double lambda, double[][] m, double[][] u, int iterations) implements java.io.Serializable {

    private static final double FLOOR = 1e-6;

    /** Fits the model; {@code fixedU} (from random pairs) may be null to estimate u by EM too. */
    public static FellegiSunter fit(Map<Integer, Long> patterns, double[][] fixedU, int maxIterations) {
        return fit(patterns, fixedU, fixedU != null, maxIterations);
    }

    /**
     * Fits the model, starting u at {@code startU} (null: a generic start) and keeping it there when
     * {@code fixU}; otherwise EM re-estimates u among the candidate pairs, which blocking has made
     * unlike random pairs (they agree more often than random pairs do).
     */
    public static FellegiSunter fit(Map<Integer, Long> patterns, double[][] startU, boolean fixU, int maxIterations) {
        double[][] fixedU = fixU ? startU : null;
        List<Comparison.Field> fields = Comparison.FIELDS;
        int f = fields.size();
        double[][] m = new double[f][];
        double[][] u = new double[f][];
        for (int k = 0; k < f; k++) {
            int levels = fields.get(k).size();
            m[k] = new double[levels];
            u[k] = new double[levels];
            for (int l = 1; l < levels; l++) {
                // start: matches agree (level 1) with 0.9, non-matches mostly disagree
                m[k][l] = l == 1 ? 0.9 : 0.1 / (levels - 2);
                u[k][l] = l == levels - 1 ? 0.9 : 0.1 / (levels - 2);
            }
            if (startU != null) {
                u[k] = startU[k].clone();
            }
        }
        double lambda = 0.01;
        int iteration = 0;
        double previous = Double.NEGATIVE_INFINITY;
        for (; iteration < maxIterations; iteration++) {
            double[][] mNum = new double[f][];
            double[][] uNum = new double[f][];
            for (int k = 0; k < f; k++) {
                mNum[k] = new double[fields.get(k).size()];
                uNum[k] = new double[fields.get(k).size()];
            }
            double matches = 0;
            double total = 0;
            double loglik = 0;
            for (Map.Entry<Integer, Long> e : patterns.entrySet()) {
                int pattern = e.getKey();
                double n = e.getValue();
                double pm = lambda;
                double pu = 1 - lambda;
                for (int k = 0; k < f; k++) {
                    int l = Comparison.level(pattern, k);
                    if (l > 0) {
                        pm *= m[k][l];
                        pu *= u[k][l];
                    }
                }
                double posterior = pm / (pm + pu);
                loglik += n * Math.log(pm + pu);
                matches += n * posterior;
                total += n;
                for (int k = 0; k < f; k++) {
                    int l = Comparison.level(pattern, k);
                    if (l > 0) {
                        mNum[k][l] += n * posterior;
                        uNum[k][l] += n * (1 - posterior);
                    }
                }
            }
            lambda = Math.min(Math.max(matches / total, FLOOR), 1 - FLOOR);
            for (int k = 0; k < f; k++) {
                normalise(mNum[k]);
                m[k] = mNum[k];
                if (fixedU == null) {
                    normalise(uNum[k]);
                    u[k] = uNum[k];
                }
            }
            if (Math.abs(loglik - previous) < 1e-9 * Math.abs(loglik)) {
                break;
            }
            previous = loglik;
        }
        return new FellegiSunter(lambda, m, u, iteration);
    }

    private static void normalise(double[] p) {
        double sum = 0;
        for (int l = 1; l < p.length; l++) {
            sum += p[l];
        }
        for (int l = 1; l < p.length; l++) {
            p[l] = sum > 0 ? Math.max(p[l] / sum, FLOOR) : 1.0 / (p.length - 1);
        }
    }

    /** The match weight of a pattern: sum over fields of log2(m / u); missing fields add 0. */
    public double weight(int pattern) {
        double w = 0;
        for (int k = 0; k < m.length; k++) {
            int l = Comparison.level(pattern, k);
            if (l > 0) {
                w += Math.log(m[k][l] / u[k][l]) / Math.log(2);
            }
        }
        return w;
    }

    /** The probability that a pair with this pattern is a match, given the match proportion. */
    public double posterior(int pattern) {
        double prior = Math.log(lambda / (1 - lambda)) / Math.log(2);
        return 1 / (1 + Math.pow(2, -(prior + weight(pattern))));
    }

    /** The weight of each field for a pattern: why a pair scores what it scores. */
    public List<String> explain(int pattern) {
        List<String> lines = new ArrayList<>();
        for (int k = 0; k < m.length; k++) {
            int l = Comparison.level(pattern, k);
            Comparison.Field field = Comparison.FIELDS.get(k);
            if (l == 0) {
                lines.add(field.name() + ": missing (0)");
            } else {
                lines.add(String.format(java.util.Locale.ROOT, "%s: %s, m=%.4f u=%.6f, %+.2f", field.name(),
                        field.levels().get(l), m[k][l], u[k][l], Math.log(m[k][l] / u[k][l]) / Math.log(2)));
            }
        }
        return lines;
    }
}
