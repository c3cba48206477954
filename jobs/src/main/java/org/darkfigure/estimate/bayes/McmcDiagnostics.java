package org.darkfigure.estimate.bayes;

/**
 * Convergence diagnostics of one scalar over several chains, as Stan computes them without rank normalisation
 * (Gelman et al., BDA3 ch. 11; Vehtari et al. 2021): each chain is split in halves; split R-hat compares the
 * halves' within and between variances; the effective sample size uses the combined autocorrelations, summed in
 * pairs up to Geyer's (1992) initial positive and monotone sequence.
 */
public final class McmcDiagnostics {

    private McmcDiagnostics() {
    }

    /** Effective sample size (of all chains together) and split R-hat; NaN R-hat when every draw is equal. */
    public record Summary(double ess, double rhat, int chains, int drawsPerChain) {
    }

    public static Summary of(double[][] chains) {
        int half = chains[0].length / 2;
        double[][] seq = new double[2 * chains.length][half];
        for (int c = 0; c < chains.length; c++) {
            int len = chains[c].length;
            System.arraycopy(chains[c], 0, seq[2 * c], 0, half);
            System.arraycopy(chains[c], len - half, seq[2 * c + 1], 0, half);
        }
        int m = seq.length;
        int n = half;
        double[] means = new double[m];
        double[] vars = new double[m];
        double grand = 0;
        for (int j = 0; j < m; j++) {
            double s = 0;
            for (double x : seq[j]) {
                s += x;
            }
            means[j] = s / n;
            double ss = 0;
            for (double x : seq[j]) {
                ss += (x - means[j]) * (x - means[j]);
            }
            vars[j] = ss / (n - 1);
            grand += means[j];
        }
        grand /= m;
        double w = 0;
        double b = 0;
        for (int j = 0; j < m; j++) {
            w += vars[j];
            b += (means[j] - grand) * (means[j] - grand);
        }
        w /= m;
        b = n * b / (m - 1);
        double varPlus = (n - 1.0) / n * w + b / n;
        if (!(w > 0)) {
            return new Summary(m * n, Double.NaN, chains.length, chains[0].length);
        }
        double rhat = Math.sqrt(varPlus / w);
        // Geyer: pairs Gamma_t = rho_2t + rho_2t+1 while positive, made monotone; the autocorrelations are computed
        // only up to where the sum stops (O(n) lags of O(n) each otherwise, most of them never used)
        double tau = 0;
        double previous = Double.POSITIVE_INFINITY;
        for (int t = 0; t + 1 < n; t += 2) {
            double pair = (t == 0 ? 1 : rho(seq, means, t, w, varPlus)) + rho(seq, means, t + 1, w, varPlus);
            if (pair <= 0) {
                break;
            }
            pair = Math.min(pair, previous);
            previous = pair;
            tau += pair;
        }
        tau = Math.max(2 * tau - 1, 1.0 / Math.log10(m * (double) n));
        return new Summary(m * n / tau, rhat, chains.length, chains[0].length);
    }

    /** The combined autocorrelation at lag t from the sequences' autocovariances (biased, / n), averaged. */
    private static double rho(double[][] seq, double[] means, int t, double w, double varPlus) {
        int m = seq.length;
        int n = seq[0].length;
        double acov = 0;
        for (int j = 0; j < m; j++) {
            double[] x = seq[j];
            double s = 0;
            for (int i = 0; i + t < n; i++) {
                s += (x[i] - means[j]) * (x[i + t] - means[j]);
            }
            acov += s / n / m;
        }
        return 1 - (w * (n - 1.0) / n - acov) / varPlus;
    }
}
