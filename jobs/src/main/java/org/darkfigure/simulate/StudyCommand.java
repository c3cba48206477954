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
import org.darkfigure.estimate.Estimate;
import org.darkfigure.estimate.EstimateStatus;
import org.darkfigure.estimate.bayes.BayesianEstimate;
import org.darkfigure.estimate.bayes.Dga;
import org.darkfigure.estimate.search.Estimation;
import org.darkfigure.estimate.search.EstimationOptions;

/**
 * {@code ./darkfigure simulation-study}: estimators on tables with a known total, replicated; prints
 * per scenario and method the share of replications with an estimate, relative bias, relative RMSE,
 * and the coverage of the nominal 95% interval.
 */
public final class StudyCommand implements Command {

    /** A method as the study runs it: a model name (or the default search) and an interval. */
    record Method(String label, String model, EstimationOptions.IntervalChoice interval, boolean claims) {
    }

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
                  --scenarios LIST   default: independent,pairwise,heterogeneous,darroch,sparse; also
                                     simulator_05, simulator_08, simulator_12: the simulator's own process
                                     (4 lists, shared catchability sd 0.5 / 0.8 / 1.2), where the candidates for
                                     the published default compete: BIC search, Mth Darroch, all two-way
                                     interactions, dga, LCMCR (rel.width: interval width / N)
                """.replace("DEFAULT_SEED", Long.toString(org.darkfigure.manifest.RunParameters.DEFAULT_SEED));
    }

    @Override
    public Set<String> options() {
        return Set.of("replications", "seed", "scenarios");
    }

    static Map<StudyScenario, List<Method>> methods() {
        var profile = EstimationOptions.IntervalChoice.PROFILE;
        Map<StudyScenario, List<Method>> m = new LinkedHashMap<>();
        m.put(StudyScenario.INDEPENDENT, List.of(new Method("Mt (independence)", "Mt", profile, true),
                new Method("BIC search", null, profile, false), new Method("Mth Darroch", "Mth Darroch", profile, false)));
        m.put(StudyScenario.PAIRWISE, List.of(new Method("[12][3][4] (the true model)", "[12][3][4]", profile, true),
                new Method("Mt (independence)", "Mt", profile, false), new Method("BIC search", null, profile, false)));
        m.put(StudyScenario.HETEROGENEOUS, List.of(new Method("Mth Darroch", "Mth Darroch", profile, false),
                new Method("Mt (independence)", "Mt", profile, false), new Method("Mth Poisson2", "Mth Poisson2", profile, false),
                new Method("BIC search", null, profile, false), new Method("Chao lower bound", "chao-lb", profile, false)));
        m.put(StudyScenario.DARROCH, List.of(new Method("Mth Darroch (the true model)", "Mth Darroch", profile, true),
                new Method("Mt (independence)", "Mt", profile, false), new Method("BIC search", null, profile, false)));
        m.put(StudyScenario.SPARSE, List.of(new Method("Mt (independence)", "Mt", profile, true),
                new Method("BIC search", null, profile, false), new Method("Chao lower bound", "chao-lb", profile, false)));
        // issue 15: the candidates for the published default, on the simulator's own process
        List<Method> candidates = List.of(new Method("BIC search (the default)", null, profile, false),
                new Method("Mth Darroch", "Mth Darroch", profile, false),
                new Method("all two-way interactions", "[12][13][14][23][24][34]", profile, false),
                new Method("dga (model averaging)", BayesianEstimate.DGA, profile, false),
                new Method("LCMCR (latent classes)", BayesianEstimate.LCMCR, profile, false));
        m.put(StudyScenario.SIMULATOR_05, candidates);
        m.put(StudyScenario.SIMULATOR_08, candidates);
        m.put(StudyScenario.SIMULATOR_12, candidates);
        return m;
    }

    /** Results of one method in one scenario; width is the mean interval width relative to the true total. */
    record Row(StudyScenario scenario, Method method, int replications, int estimated, double bias, double rmse,
               double coverage, double width) {
    }

    /** One estimate of a table by a method: the engine's, or a Bayesian method's (the pipeline's settings). */
    static Estimate estimate(Method method, CaptureHistory table, EstimationOptions options) {
        if (BayesianEstimate.DGA.equals(method.model())) {
            return BayesianEstimate.dga(table, Dga.Options.defaults(table.k()), 0.95).estimate();
        }
        if (BayesianEstimate.LCMCR.equals(method.model())) {
            return BayesianEstimate.lcmcr(table, BayesianEstimate.PIPELINE_LCMCR, 0.95).estimate();
        }
        return Estimation.run(table, options).estimate();
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
        System.out.printf(Locale.ROOT, "%-14s %-30s %6s %9s %9s %9s %10s %9s%n", "scenario", "method", "reps", "estimated",
                "rel.bias", "rel.RMSE", "coverage", "rel.width");
        for (StudyScenario scenario : scenarios) {
            for (Row r : study(scenario, methods().get(scenario), replications, seed)) {
                System.out.printf(Locale.ROOT, "%-14s %-30s %6d %8.1f%% %+8.1f%% %8.1f%% %9.1f%% %8.1f%%%s%n",
                        scenario.name().toLowerCase(Locale.ROOT), r.method().label(), r.replications(),
                        100.0 * r.estimated() / r.replications(), 100 * r.bias(), 100 * r.rmse(), 100 * r.coverage(),
                        100 * r.width(), r.method().claims() ? " *" : "");
            }
        }
        System.out.printf(Locale.ROOT, "(%d replications per scenario, seed %d, %.1f s; * = the correct model for the "
                + "scenario: its coverage should be near 95%%)%n", replications, seed, (System.nanoTime() - started) / 1e9);
        return 0;
    }

    static List<Row> study(StudyScenario scenario, List<Method> methods, int replications, long seed) {
        SplittableRandom root = new SplittableRandom(seed ^ scenario.ordinal() * 0x9E3779B97F4A7C15L);
        SplittableRandom[] streams = new SplittableRandom[replications];
        for (int i = 0; i < replications; i++) {
            streams[i] = root.split();
        }
        CaptureHistory[] tables = IntStream.range(0, replications).mapToObj(i -> scenario.draw(streams[i]))
                .toArray(CaptureHistory[]::new);
        List<Row> rows = new ArrayList<>();
        double n = scenario.total();
        for (Method method : methods) {
            EstimationOptions options = BayesianEstimate.DGA.equals(method.model())
                    || BayesianEstimate.LCMCR.equals(method.model()) ? null
                    : EstimationOptions.withDefaults().withModel(method.model()).withInterval(method.interval());
            Estimate[] estimates = IntStream.range(0, replications).parallel()
                    .mapToObj(i -> estimate(method, tables[i], options)).toArray(Estimate[]::new);
            int estimated = 0;
            int covered = 0;
            double width = 0;
            double bias = 0;
            double squared = 0;
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
            }
            rows.add(new Row(scenario, method, replications, estimated, estimated == 0 ? Double.NaN : bias / estimated,
                    estimated == 0 ? Double.NaN : Math.sqrt(squared / estimated),
                    estimated == 0 ? Double.NaN : (double) covered / estimated, estimated == 0 ? Double.NaN : width / estimated));
        }
        return rows;
    }
}
