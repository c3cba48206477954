package org.darkfigure.estimate.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.darkfigure.estimate.CaptureHistory;
import org.darkfigure.estimate.Criterion;
import org.darkfigure.estimate.Estimate;
import org.darkfigure.estimate.EstimateStatus;
import org.darkfigure.estimate.Interval;
import org.darkfigure.estimate.IntervalMethod;
import org.darkfigure.estimate.loglinear.ModelFit;
import org.darkfigure.estimate.loglinear.ProfileLikelihood;

/**
 * Model averaging over a search's eligible fits instead of selecting one: Akaike weights
 * w_i = exp(-(c_i - c_min) / 2) / sum (Burnham &amp; Anderson 2002, section 4.2) on AIC or BIC, the total
 * sum w_i N_i, the standard error by Buckland et al. (1997) (between-model spread included), and the
 * model-averaged profile-likelihood tail-area interval (MATA-PL, Fletcher &amp; Turek 2012): the bounds solve
 * sum_i w_i Phi(r_i(N)) = alpha/2 and 1 - alpha/2, with r_i the signed root of model i's profile likelihood
 * ratio. With one model of weight 1 it is that model's profile interval; with near-tied models whose totals
 * differ it spans them, which is the uncertainty a selection hides.
 *
 * <p>Tied criteria need no tie-break here: tied models get equal weights.
 */
public final class ModelAveraging {

    /** The estimate's method name. */
    public static final String METHOD = "model-averaging";

    /** Models below this weight are left out of the interval (their share of the tails is negligible). */
    static final double MIN_WEIGHT = 1e-3;

    private static final NormalDistribution N01 = new NormalDistribution(null, 0, 1);

    private ModelAveraging() {
    }

    /** A model with its weight. */
    public record Weighted(ModelFit fit, double weight) {
    }

    /** The weights of the fits (all usable, ranked or not) by the criterion; equal criteria, equal weights. */
    public static List<Weighted> weights(List<ModelFit> fits, Criterion criterion) {
        double best = fits.stream().mapToDouble(f -> f.criterion(criterion)).min().orElse(Double.NaN);
        double sum = 0;
        double[] raw = new double[fits.size()];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = Math.exp(-(fits.get(i).criterion(criterion) - best) / 2);
            sum += raw[i];
        }
        List<Weighted> out = new ArrayList<>();
        for (int i = 0; i < raw.length; i++) {
            out.add(new Weighted(fits.get(i), raw[i] / sum));
        }
        // heaviest first; equal weights (to 9 digits) keep the caller's order, never the last digits' order
        out.sort(java.util.Comparator.comparingLong((Weighted w) -> -Math.round(w.weight() * 1e9)));
        return List.copyOf(out);
    }

    /** The model-averaged estimate of the eligible fits (at least one) of a search on the table. */
    public static Estimate average(List<ModelFit> eligible, CaptureHistory history, Criterion criterion, double level) {
        List<Weighted> weights = weights(eligible, criterion);
        double total = 0;
        for (Weighted w : weights) {
            total += w.weight() * w.fit().total();
        }
        double spread = 0;
        for (Weighted w : weights) {
            double se = w.fit().stderr();
            spread += w.weight() * Math.sqrt(se * se + Math.pow(w.fit().total() - total, 2));
        }
        List<Weighted> kept = weights.stream().filter(w -> w.weight() >= MIN_WEIGHT).toList();
        double keptWeight = kept.stream().mapToDouble(Weighted::weight).sum();
        List<ProfileLikelihood.Profile> profiles = kept.stream()
                .map(w -> ProfileLikelihood.profile(w.fit(), history)).toList();
        java.util.function.DoubleUnaryOperator cdf = n -> {
            double s = 0;
            for (int i = 0; i < kept.size(); i++) {
                double r = profiles.get(i).signedRoot(n);
                s += kept.get(i).weight() / keptWeight * (r == Double.NEGATIVE_INFINITY ? 0
                        : r == Double.POSITIVE_INFINITY ? 1 : N01.cumulativeProbability(r));
            }
            return s;
        };
        double alpha = 1 - level;
        long observed = history.observed();
        double ceiling = 3 * kept.stream().mapToDouble(w -> w.fit().total()).max().orElse(observed);
        List<String> warnings = new ArrayList<>();
        double lower = cdf.applyAsDouble(observed) >= alpha / 2 ? observed : solve(cdf, alpha / 2, observed, ceiling);
        double upper = cdf.applyAsDouble(ceiling) < 1 - alpha / 2 ? Double.POSITIVE_INFINITY
                : solve(cdf, 1 - alpha / 2, observed, ceiling);
        if (lower == observed) {
            warnings.add("The lower bound is the observed count: the averaged models cannot rule out that nobody was missed.");
        }
        if (upper == Double.POSITIVE_INFINITY) {
            warnings.add("The upper bound lies beyond three times the largest model's estimate: the data cannot bound the total from above.");
        }
        ModelFit top = weights.get(0).fit();
        String model = String.format(Locale.ROOT, "%s-weighted average of %d models (top: %s, weight %.2f)", criterion,
                weights.size(), top.name(), weights.get(0).weight());
        return new Estimate(METHOD, model, observed, total, spread,
                new Interval(lower, upper, level, IntervalMethod.MODEL_AVERAGED), EstimateStatus.OK, warnings,
                top.diagnostics());
    }

    /** The N in [low, high] with cdf(N) = p, by bisection to within half a person (cdf is increasing). */
    private static double solve(java.util.function.DoubleUnaryOperator cdf, double p, double low, double high) {
        double a = low;
        double b = high;
        while (b - a > 0.01) {
            double mid = (a + b) / 2;
            if (cdf.applyAsDouble(mid) < p) {
                a = mid;
            } else {
                b = mid;
            }
        }
        return (a + b) / 2;
    }
}
