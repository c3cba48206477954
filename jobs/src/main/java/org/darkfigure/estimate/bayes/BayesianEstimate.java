package org.darkfigure.estimate.bayes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.darkfigure.estimate.CaptureHistory;
import org.darkfigure.estimate.Estimate;
import org.darkfigure.estimate.EstimateStatus;
import org.darkfigure.estimate.Interval;
import org.darkfigure.estimate.IntervalMethod;
import org.darkfigure.estimate.search.Candidate;

/**
 * A Bayesian method's answer in the engine's terms: the posterior median as the total, the posterior standard
 * deviation as its standard error, the equal-tailed posterior interval at the level asked, and the method's
 * plain-language warnings; plus the posterior itself and the method's own result (dga's graph weights, LCMCR's
 * diagnostics) for whoever wants more than the estimate.
 */
public record BayesianEstimate(Estimate estimate, Posterior posterior, Dga.Result dga, Lcmcr.Result lcmcr) {

    public static final String DGA = "dga";
    public static final String LCMCR = "lcmcr";

    /** Whether a model name asks for one of the Bayesian methods. */
    public static boolean names(String model) {
        String m = model.trim().toLowerCase(Locale.ROOT);
        return m.equals(DGA) || m.equals(LCMCR);
    }

    public static BayesianEstimate dga(CaptureHistory history, Dga.Options options, double level) {
        return dga(history, options, Dga.AUTO_CAP, level);
    }

    private static BayesianEstimate dga(CaptureHistory history, Dga.Options options, int cap, double level) {
        if (history.k() < 2 || history.k() > DecomposableGraphs.MAX_LISTS) {
            return failed(DGA, history, "dga averages over the decomposable graphs of 2 to " + DecomposableGraphs.MAX_LISTS
                    + " lists; this table has " + history.k() + ".", level);
        }
        Dga.Result r = Dga.fit(history, options, cap);
        String model = String.format(Locale.ROOT, "dga (%d graphs, delta %s, prior %s)",
                DecomposableGraphs.of(history.k()).size(), number(options.delta()), options.prior().label());
        return new BayesianEstimate(estimate(DGA, model, history, r.posterior(), r.warnings(), level), r.posterior(), r,
                null);
    }

    public static BayesianEstimate lcmcr(CaptureHistory history, Lcmcr.Options options, double level) {
        if (history.k() < 2) {
            return failed(LCMCR, history, "Only one list covers this table: capture-recapture needs at least two.", level);
        }
        Lcmcr.Result r = Lcmcr.fit(history, options);
        String model = String.format(Locale.ROOT, "lcmcr (K %d, %d chain%s x %d draws)", options.classes(),
                options.chains(), options.chains() == 1 ? "" : "s", options.samples());
        return new BayesianEstimate(estimate(LCMCR, model, history, r.posterior(), r.warnings(), level), r.posterior(),
                null, r);
    }

    /** This estimate as a comparison candidate: total, posterior interval and, for dga, the ten heaviest graphs. */
    public Candidate candidate() {
        Estimate e = estimate;
        List<Candidate.ModelWeight> weights = new ArrayList<>();
        if (dga != null) {
            for (Dga.WeightedGraph g : dga.top(10)) {
                weights.add(new Candidate.ModelWeight(g.graph().cliqueLists().toString(), g.probability()));
            }
        }
        return new Candidate(e.model(), e.total(), e.stderr(), Double.NaN, -1, Double.NaN, Double.NaN, e.status(),
                e.warnings().isEmpty() ? null : String.join(" ", e.warnings()), 0,
                e.status() == EstimateStatus.OK ? e.interval() : null, weights);
    }

    /**
     * The pipeline's per-stratum comparison candidates, as the run's {@code bayes} parameter asks ("dga",
     * "dga,lcmcr", "lcmcr" or "none"), with settings cut down so that a thousand strata stay quick (the command's
     * defaults are the reference settings): dga with its automatic bound, capped at 200,000 unseen, on up to 5 lists
     * (6 lists' 18,154 graphs cost 22 times as much: not compared there); LCMCR with K = 10 and 2 chains of 1,000
     * burn-in + 500 draws thinned by 5 (seed 1), whose diagnostics say when that is too short for a stratum.
     */
    public static List<Candidate> comparison(CaptureHistory history, double level, String methods) {
        List<Candidate> out = new ArrayList<>();
        if (history.k() < 2 || history.observed() == 0) {
            return out;
        }
        List<String> asked = parseMethods(methods);
        if (asked.contains(DGA) && history.k() <= PIPELINE_DGA_LISTS) {
            out.add(dga(history, Dga.Options.defaults(history.k()), PIPELINE_DGA_CAP, level).candidate());
        }
        if (asked.contains(LCMCR)) {
            out.add(lcmcr(history, PIPELINE_LCMCR, level).candidate());
        }
        return out;
    }

    /** "dga,lcmcr" as a list; "none" or empty: none. */
    public static List<String> parseMethods(String methods) {
        List<String> out = new ArrayList<>();
        for (String m : methods.split(",")) {
            String t = m.trim().toLowerCase(Locale.ROOT);
            if (t.isEmpty() || t.equals("none")) {
                continue;
            }
            if (!names(t)) {
                throw new IllegalArgumentException("bayes: '" + m + "' is not dga, lcmcr or none");
            }
            out.add(t);
        }
        return out;
    }

    /** The pipeline's cap on dga's automatic bound (the command's is 2,000,000); a warning says when it binds. */
    public static final int PIPELINE_DGA_CAP = 200_000;

    /** Largest number of lists dga is compared on in the pipeline. */
    public static final int PIPELINE_DGA_LISTS = 5;

    /** LCMCR's settings in the pipeline (see {@link #comparison}). */
    public static final Lcmcr.Options PIPELINE_LCMCR = Lcmcr.Options.defaults().withBurnin(1_000).withSamples(500)
            .withThinning(5);

    private static Estimate estimate(String method, String model, CaptureHistory history, Posterior p,
                                     List<String> warnings, double level) {
        double[] ci = p.interval(level);
        return new Estimate(method, model, history.observed(), p.median(), p.sd(),
                new Interval(ci[0], ci[1], level, IntervalMethod.POSTERIOR), EstimateStatus.OK, warnings, null);
    }

    private static BayesianEstimate failed(String method, CaptureHistory history, String why, double level) {
        Estimate e = new Estimate(method, method, history.observed(), Double.NaN, Double.NaN,
                new Interval(Double.NaN, Double.NaN, level, IntervalMethod.POSTERIOR), EstimateStatus.TOO_SPARSE,
                List.of(why), null);
        return new BayesianEstimate(e, null, null, null);
    }

    private static String number(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
