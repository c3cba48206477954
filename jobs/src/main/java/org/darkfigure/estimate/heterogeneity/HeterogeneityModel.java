package org.darkfigure.estimate.heterogeneity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.darkfigure.estimate.loglinear.CaptureModel;

/**
 * The closed-population models of Rcapture's closedp.t (Rivest &amp; Baillargeon 2007), as Poisson
 * log-linear models with the same columns: M0, Mt, Mh and Mth with Chao's lower-bound, Poisson(2),
 * Darroch and Gamma(3.5) heterogeneity, Mb and Mbh. With k the number of captures of a pattern and c_j
 * its list indicators: M0 [k]; Mt [c_1..c_t]; Mh h [k, h(k)]; Mth h [c_1..c_t, h(k)]; Chao's columns
 * eta_j = max(k - j + 1, 0) for j = 3..t; Poisson2 2^k - 1; Darroch k^2/2; Gamma3.5 log(3.5) - log(3.5 + k);
 * Mb [first - 1, k - 1]; Mbh [1 - c_1, first - 1, k - 1] (first = the first list the pattern is on).
 */
public record HeterogeneityModel(Kind kind, int k) implements CaptureModel {

    /** The models in the order closedp.t reports them. */
    public enum Kind {
        M0("M0"), MT("Mt"), MH_CHAO("Mh Chao (LB)"), MH_POISSON2("Mh Poisson2"), MH_DARROCH("Mh Darroch"),
        MH_GAMMA35("Mh Gamma3.5"), MTH_CHAO("Mth Chao (LB)"), MTH_POISSON2("Mth Poisson2"),
        MTH_DARROCH("Mth Darroch"), MTH_GAMMA35("Mth Gamma3.5"), MB("Mb"), MBH("Mbh");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** Fits with two lists (closedp.t fits only M0, Mt and Mb then). */
        public boolean forTwoLists() {
            return this == M0 || this == MT || this == MB;
        }
    }

    public HeterogeneityModel {
        if (k < 2) {
            throw new IllegalArgumentException("closed-population models need at least 2 lists: " + k);
        }
        if (k == 2 && !kind.forTwoLists()) {
            throw new IllegalArgumentException(kind.label + " needs at least 3 lists");
        }
    }

    /** The model by Rcapture's name ("Mh Chao (LB)", "Mth Darroch"...), ignoring case. */
    public static Optional<Kind> kind(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace("chao", "chao (lb)").replace("(lb) (lb)", "(lb)");
        return Arrays.stream(Kind.values()).filter(k -> k.label.toLowerCase(Locale.ROOT).equals(n)).findFirst();
    }

    @Override
    public String name() {
        return kind.label;
    }

    @Override
    public double[][] columns() {
        int cells = (1 << k) - 1;
        double[] captures = CaptureModel.captures(k);
        return switch (kind) {
            case M0 -> join(column(captures));
            case MT -> lists();
            case MH_CHAO -> join(column(captures), chao(captures));
            case MH_POISSON2, MH_DARROCH, MH_GAMMA35 -> join(column(captures), column(heterogeneity(captures)));
            case MTH_CHAO -> join(lists(), chao(captures));
            case MTH_POISSON2, MTH_DARROCH, MTH_GAMMA35 -> join(lists(), column(heterogeneity(captures)));
            case MB -> join(column(firstMinusOne(cells)), column(minusOne(captures)));
            case MBH -> {
                double[] notOnFirst = new double[cells];
                for (int p = 1; p <= cells; p++) {
                    notOnFirst[p - 1] = (p & 1) == 0 ? 1 : 0;
                }
                yield join(column(notOnFirst), column(firstMinusOne(cells)), column(minusOne(captures)));
            }
        };
    }

    @Override
    public int chaoNca() {
        return switch (kind) {
            case MH_CHAO -> 2;
            case MTH_CHAO -> k + 1;
            default -> 0;
        };
    }

    @Override
    public double[] totalAndStderr(long observed, double[] c, double[][] v, int[] kept) {
        int t = k;
        if (kind == Kind.MB) {
            // Rcapture closedp: N = e^b0 (1 + e^b2)^t / D, D = 1 + e^b2 - e^b1; se by the delta method, minus N.
            double d = 1 + Math.exp(c[2]) - Math.exp(c[1]);
            double n = Math.exp(c[0]) * Math.pow(1 + Math.exp(c[2]), t) / d;
            double[] g = {n, n * Math.exp(c[1]) / d,
                    n * (t * Math.exp(c[2]) / (1 + Math.exp(c[2])) - Math.exp(c[2]) / d)};
            return new double[] {n, Math.sqrt(quadratic(g, v) - n)};
        }
        if (kind == Kind.MBH) {
            double d = 1 + Math.exp(c[3]) - Math.exp(c[2]);
            double n = Math.exp(c[0]) * Math.pow(1 + Math.exp(c[3]), t - 1) * (1 + Math.exp(c[1] + c[2]) / d);
            double scale = Math.exp(c[0]) * Math.pow(1 + Math.exp(c[3]), t - 1);
            double[] g = {
                    scale * (1 + Math.exp(c[1] + c[2]) / d),
                    scale * Math.exp(c[1] + c[2]) / d,
                    scale * (Math.exp(c[1] + c[2]) / d + Math.exp(c[1] + 2 * c[2]) / (d * d)),
                    scale * ((t - 1) * Math.exp(c[3]) / (1 + Math.exp(c[3])) - Math.exp(c[1] + c[2] + c[3]) / (d * d))};
            return new double[] {n, Math.sqrt(quadratic(g, v) - n)};
        }
        return CaptureModel.super.totalAndStderr(observed, c, v, kept);
    }

    private static double quadratic(double[] g, double[][] v) {
        double s = 0;
        for (int i = 0; i < g.length; i++) {
            for (int j = 0; j < g.length; j++) {
                s += g[i] * v[i][j] * g[j];
            }
        }
        return s;
    }

    private double[] heterogeneity(double[] captures) {
        double[] h = new double[captures.length];
        for (int i = 0; i < h.length; i++) {
            double x = captures[i];
            h[i] = switch (kind) {
                case MH_POISSON2, MTH_POISSON2 -> Math.pow(2, x) - 1;
                case MH_DARROCH, MTH_DARROCH -> x * x / 2;
                case MH_GAMMA35, MTH_GAMMA35 -> -Math.log(3.5 + x) + Math.log(3.5);
                default -> throw new IllegalStateException(kind.name());
            };
        }
        return h;
    }

    private double[][] chao(double[] captures) {
        double[][] eta = new double[captures.length][k - 2];
        for (int i = 0; i < captures.length; i++) {
            for (int j = 3; j <= k; j++) {
                eta[i][j - 3] = Math.max(captures[i] - j + 1, 0);
            }
        }
        return eta;
    }

    private double[][] lists() {
        double[][] x = new double[(1 << k) - 1][k];
        for (int p = 1; p < 1 << k; p++) {
            for (int j = 0; j < k; j++) {
                x[p - 1][j] = (p & (1 << j)) != 0 ? 1 : 0;
            }
        }
        return x;
    }

    private static double[] firstMinusOne(int cells) {
        double[] f = new double[cells];
        for (int p = 1; p <= cells; p++) {
            f[p - 1] = Integer.numberOfTrailingZeros(p);
        }
        return f;
    }

    private static double[] minusOne(double[] captures) {
        double[] m = new double[captures.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = captures[i] - 1;
        }
        return m;
    }

    private static double[][] column(double[] values) {
        double[][] c = new double[values.length][1];
        for (int i = 0; i < values.length; i++) {
            c[i][0] = values[i];
        }
        return c;
    }

    private static double[][] join(double[][]... blocks) {
        int rows = blocks[0].length;
        int width = 0;
        for (double[][] b : blocks) {
            width += b[0].length;
        }
        double[][] out = new double[rows][width];
        for (int i = 0; i < rows; i++) {
            int at = 0;
            for (double[][] b : blocks) {
                System.arraycopy(b[i], 0, out[i], at, b[i].length);
                at += b[i].length;
            }
        }
        return out;
    }
}
