package org.darkfigure.simulate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.darkfigure.cli.Command;
import org.darkfigure.cli.CommandLine;
import org.darkfigure.estimate.CaptureHistory;
import org.darkfigure.estimate.Criterion;
import org.darkfigure.estimate.Estimate;
import org.darkfigure.estimate.EstimateStatus;
import org.darkfigure.estimate.bayes.BayesianEstimate;
import org.darkfigure.estimate.bayes.Dga;
import org.darkfigure.estimate.loglinear.LogLinearModel;
import org.darkfigure.estimate.search.Estimation;
import org.darkfigure.estimate.search.EstimationOptions;
import org.darkfigure.estimate.search.ModelSearch;

/**
 * {@code ./darkfigure simulation-study}: estimators on tables with a known total, replicated; prints
 * per scenario and method the share of replications with an estimate, relative bias, relative RMSE,
 * and the coverage of the nominal 95% interval.
 */
public final class StudyCommand implements Command {

    /**
     * A method as the study runs it: a model name (or the default search), how a search combines its models, the
     * criterion, and whether the method is the correct model for its scenario (its coverage should then be near 95%).
     */
    record Method(String label, String model, EstimationOptions.Combination combination, Criterion criterion,
                  boolean claims) {

        Method(String label, String model, boolean claims) {
            this(label, model, EstimationOptions.Combination.SELECT, Criterion.BIC, claims);
        }

        boolean bayesian() {
            return BayesianEstimate.DGA.equals(model) || BayesianEstimate.LCMCR.equals(model);
        }

        EstimationOptions options(int lists) {
            String named = ALL_TWO_WAY.equals(model) ? LogLinearModel.allTwoWay(lists).name() : model;
            return EstimationOptions.withDefaults().withModel(named)
                    .withSearch(ModelSearch.withDefaults().withCriterion(criterion)).withCombination(combination);
        }
    }

    /** The all-two-way log-linear model for however many lists the table has. */
    static final String ALL_TWO_WAY = "all two-way";


    /** The candidates for the published default (issue 15), compared in every scenario of this domain. */
    static final List<Method> CANDIDATES = List.of(
            new Method("BIC search (the old default)", null, false),
            new Method("AIC search", null, EstimationOptions.Combination.SELECT, Criterion.AIC, false),
            new Method("BIC model averaging", null, EstimationOptions.Combination.AVERAGE, Criterion.BIC, false),
            new Method("AIC model averaging", null, EstimationOptions.Combination.AVERAGE, Criterion.AIC, false),
            new Method("all two-way, else AIC averaging", null, EstimationOptions.Combination.ALL_TWO_WAY, Criterion.AIC,
                    false),
            new Method("Mth Darroch", "Mth Darroch", false),
            new Method("Mth Gamma3.5", "Mth Gamma3.5", false),
            new Method("all two-way interactions", ALL_TWO_WAY, false),
            new Method("dga (model averaging)", BayesianEstimate.DGA, false),
            new Method("LCMCR (latent classes)", BayesianEstimate.LCMCR, false));

    @Override
    public String name() {
        return "simulation-study";
    }

    @Override
    public String summary() {
        return "bias, RMSE and interval coverage of the estimators on simulated tables with a known total";
    }

    @Override
    public String help() {
        return """
                usage: ./darkfigure simulation-study [--replications R] [--seed S] [--scenarios a,b,...]

                Scenarios (known total N): independent (4 lists, N 1000), pairwise (lists 1 and 2 dependent),
                heterogeneous (Rasch, sigma 1, 5 lists: no model here is exactly right), darroch (heterogeneity as
                Darroch's log-linear model), sparse (3 lists, N 200, low capture). For each scenario and
                method: the share of replications with an estimate, relative bias and RMSE of the estimate, and how
                often the nominal 95% interval holds N. A * marks the method that is correct for its scenario,
                whose coverage should be near 95%.

                  --replications R   per scenario (default 200)
                  --seed S           (default DEFAULT_SEED)
                  --scenarios LIST   default: independent,pairwise,heterogeneous,darroch,sparse. The study that
                                     chose the published default (issue 15; README, "Estimation") runs the
                                     simulator's own process: simulator_05, simulator_08, simulator_12 (4 lists,
                                     shared catchability sd 0.5 / 0.8 / 1.2), and with sd 0.8: referral, avoidance,
                                     list_heterogeneity, sparse_200, small_3_lists, small_500, lists_2, lists_3,
                                     lists_5, lists_6, linkage_errors. There the candidates compete: BIC and AIC
                                     selection, BIC and AIC model averaging, the default (all two-way, else AIC
                                     averaging), Mth Darroch, Mth Gamma3.5, all two-way, dga, LCMCR. rel.width:
                                     interval width / N; widen95: how much wider the intervals would have to be
                                     to hold N in 95% of replications
                """.replace("DEFAULT_SEED", Long.toString(org.darkfigure.manifest.RunParameters.DEFAULT_SEED));
    }

    @Override
    public Set<String> options() {
        return Set.of("replications", "seed", "scenarios");
    }

    static Map<StudyScenario, List<Method>> methods() {
        Map<StudyScenario, List<Method>> m = new LinkedHashMap<>();
        m.put(StudyScenario.INDEPENDENT, List.of(new Method("Mt (independence)", "Mt", true),
                new Method("BIC search", null, false), new Method("Mth Darroch", "Mth Darroch", false)));
        m.put(StudyScenario.PAIRWISE, List.of(new Method("[12][3][4] (the true model)", "[12][3][4]", true),
                new Method("Mt (independence)", "Mt", false), new Method("BIC search", null, false)));
        m.put(StudyScenario.HETEROGENEOUS, List.of(new Method("Mth Darroch", "Mth Darroch", false),
                new Method("Mt (independence)", "Mt", false), new Method("Mth Poisson2", "Mth Poisson2", false),
                new Method("BIC search", null, false), new Method("Chao lower bound", "chao-lb", false)));
        m.put(StudyScenario.DARROCH, List.of(new Method("Mth Darroch (the true model)", "Mth Darroch", true),
                new Method("Mt (independence)", "Mt", false), new Method("BIC search", null, false)));
        m.put(StudyScenario.SPARSE, List.of(new Method("Mt (independence)", "Mt", true),
                new Method("BIC search", null, false), new Method("Chao lower bound", "chao-lb", false)));
        for (StudyScenario s : StudyScenario.values()) {
            if (s == StudyScenario.LISTS_2) {
                m.put(s, List.of(new Method("Chapman (the two-list default)", null, false),
                        new Method("LCMCR (latent classes)", BayesianEstimate.LCMCR, false)));
            } else if (s.ordinal() >= StudyScenario.SIMULATOR_05.ordinal()) {
                m.put(s, CANDIDATES);
            }
        }
        return m;
    }

    /** Results of one method in one scenario; width is the mean interval width relative to the true total. */
    record Row(StudyScenario scenario, Method method, int replications, int estimated, double bias, double rmse,
               double coverage, double width, double widen) {
    }

    /**
     * How much an interval's half-width on the truth's side would have to grow to hold the truth: 1 when the truth
     * sits on the bound; at most 1 when the interval holds it. Its 95th percentile over replications is the factor
     * that would make the intervals hold the truth 95% of the time.
     */
    static double widening(Estimate e, double truth) {
        double point = e.total();
        double half = truth < point ? point - e.interval().lower() : e.interval().upper() - point;
        return half > 0 ? Math.abs(truth - point) / half : Double.POSITIVE_INFINITY;
    }

    /** One estimate of a table by a method: the engine's, or a Bayesian method's (the pipeline's settings). */
    static Estimate estimate(Method method, CaptureHistory table) {
        if (BayesianEstimate.DGA.equals(method.model())) {
            return BayesianEstimate.dga(table, Dga.Options.defaults(table.k()), 0.95).estimate();
        }
        if (BayesianEstimate.LCMCR.equals(method.model())) {
            return BayesianEstimate.lcmcr(table, BayesianEstimate.PIPELINE_LCMCR, 0.95).estimate();
        }
        return Estimation.run(table, method.options(table.k())).estimate();
    }

    @Override
    public int run(CommandLine args) {
        int replications = args.intOption("replications", 200);
        long seed = args.longOption("seed", org.darkfigure.manifest.RunParameters.DEFAULT_SEED);
        List<StudyScenario> scenarios = new ArrayList<>();
        for (String s : args.option("scenarios", "independent,pairwise,heterogeneous,darroch,sparse").split(",")) {
            try {
                scenarios.add(StudyScenario.valueOf(s.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.UsageException("unknown scenario '" + s + "'");
            }
        }
        long started = System.nanoTime();
        System.out.printf(Locale.ROOT, "%-18s %-32s %6s %9s %9s %9s %10s %9s %8s%n", "scenario", "method", "reps", "estimated",
                "rel.bias", "rel.RMSE", "coverage", "rel.width", "widen95");
        for (StudyScenario scenario : scenarios) {
            for (Row r : study(scenario, methods().get(scenario), replications, seed)) {
                System.out.printf(Locale.ROOT, "%-18s %-32s %6d %8.1f%% %+8.1f%% %8.1f%% %9.1f%% %8.1f%% %8.2f%s%n",
                        scenario.name().toLowerCase(Locale.ROOT), r.method().label(), r.replications(),
                        100.0 * r.estimated() / r.replications(), 100 * r.bias(), 100 * r.rmse(), 100 * r.coverage(),
                        100 * r.width(), r.widen(), r.method().claims() ? " *" : "");
            }
        }
        System.out.printf(Locale.ROOT, "(%d replications per scenario, seed %d, %.1f s; * = the correct model for the "
                + "scenario: its coverage should be near 95%%)%n", replications, seed, (System.nanoTime() - started) / 1e9);
        return 0;
    }

    static List<Row> study(StudyScenario scenario, List<Method> methods, int replications, long seed) {
        // by the scenario's name, so that adding a scenario leaves the others' tables as they were
        SplittableRandom root = new SplittableRandom(seed ^ scenario.name().hashCode() * 0x9E3779B97F4A7C15L);
        SplittableRandom[] streams = new SplittableRandom[replications];
        for (int i = 0; i < replications; i++) {
            streams[i] = root.split();
        }
        CaptureHistory[] tables = IntStream.range(0, replications).mapToObj(i -> scenario.draw(streams[i]))
                .toArray(CaptureHistory[]::new);
        List<Row> rows = new ArrayList<>();
        double n = scenario.total();
        for (Method method : methods) {
            Estimate[] estimates = IntStream.range(0, replications).parallel()
                    .mapToObj(i -> estimate(method, tables[i])).toArray(Estimate[]::new);
            int estimated = 0;
            int covered = 0;
            double width = 0;
            double bias = 0;
            double squared = 0;
            List<Double> widen = new ArrayList<>();
            for (Estimate e : estimates) {
                if (e.status() != EstimateStatus.OK || !Double.isFinite(e.total())) {
                    continue;
                }
                estimated++;
                bias += (e.total() - n) / n;
                squared += Math.pow((e.total() - n) / n, 2);
                if (e.interval().contains(n)) {
                    covered++;
                }
                width += (e.interval().upper() - e.interval().lower()) / n;
                widen.add(widening(e, n));
            }
            widen.sort(null);
            rows.add(new Row(scenario, method, replications, estimated, estimated == 0 ? Double.NaN : bias / estimated,
                    estimated == 0 ? Double.NaN : Math.sqrt(squared / estimated),
                    estimated == 0 ? Double.NaN : (double) covered / estimated, estimated == 0 ? Double.NaN : width / estimated,
                    estimated == 0 ? Double.NaN : widen.get((int) Math.ceil(0.95 * estimated) - 1)));
        }
        return rows;
    }
}
