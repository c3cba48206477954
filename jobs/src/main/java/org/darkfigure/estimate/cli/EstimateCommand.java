package org.darkfigure.estimate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.darkfigure.cli.Command;
import org.darkfigure.cli.CommandLine;
import org.darkfigure.estimate.CaptureHistory;
import org.darkfigure.estimate.Criterion;
import org.darkfigure.estimate.Estimate;
import org.darkfigure.estimate.EstimateStatus;
import org.darkfigure.estimate.bayes.BayesianEstimate;
import org.darkfigure.estimate.bayes.DecomposableGraphs;
import org.darkfigure.estimate.bayes.Dga;
import org.darkfigure.estimate.bayes.Lcmcr;
import org.darkfigure.estimate.bayes.McmcDiagnostics;
import org.darkfigure.estimate.bayes.Posterior;
import org.darkfigure.estimate.pooled.YearsTogether;
import org.darkfigure.estimate.search.Candidate;
import org.darkfigure.estimate.search.Estimation;
import org.darkfigure.estimate.search.EstimationOptions;
import org.darkfigure.estimate.search.EstimationResult;
import org.darkfigure.estimate.search.ModelSearch;

/** {@code ./darkfigure estimate TABLE.csv}: the estimation engine for a statistician's own table, without Spark. */
public final class EstimateCommand implements Command {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public String name() {
        return "estimate";
    }

    @Override
    public String summary() {
        return "estimate the total from a capture-history table (model search, intervals, diagnostics; dga, LCMCR)";
    }

    @Override
    public String help() {
        return """
                usage: ./darkfigure estimate TABLE.csv [--model NAME] [--criterion aic|bic] [--max-order N]
                         [--combine all-two-way|select|average] [--search auto|exhaustive|stepwise]
                         [--rule strict|rcapture|existence] [--family all|loglinear]
                         [--interval profile|bootstrap|conditional] [--level 0.95] [--replicates N --seed S] [--json]
       ./darkfigure estimate TABLE.csv --model dga [--delta D] [--prior one-over-n|madigan-york:A,B] [--max-missing M]
                         [--level 0.95] [--json]
       ./darkfigure estimate --years-together YEAR1.csv YEAR2.csv ... [--level 0.95] [--json]
       ./darkfigure estimate TABLE.csv --model lcmcr [--max-classes K] [--burnin B] [--samples S] [--thinning T]
                         [--chains C] [--seed S] [--level 0.95] [--json]

                TABLE.csv: one 0/1 column per list (the header names the lists) and a `count` column, one row per
                observed pattern (absent patterns count 0).

                Without --model, two lists give Chapman's estimate, and more lists the published default, chosen by the
                simulation study (README, "Estimation"): the log-linear model with every pair of lists dependent, with
                its profile-likelihood interval; where the table cannot support that model (its MLE does not exist or
                its interval has no upper bound), the search's models averaged with AIC weights. The search over
                hierarchical log-linear models by the criterion (exhaustive when there are at most 40,000 models, else
                SparseMSE's stepwise search) runs in every case and ranks the candidates; --combine select publishes its
                best model (the default before issue 15), --combine average averages its models. Rule: strict
                (default) = the MLE exists and the fit is clean; rcapture = clean fits (closedpMS.t); existence = the MLE
                exists (MultipleSystemsEstimation). Family: all (default) lets Rcapture's heterogeneity models (M0, Mt,
                Mh, Mth; not the time-ordered Mb, Mbh) compete with the hierarchical log-linear models on the same
                criterion; loglinear searches the hierarchical ones only. Tied criteria: the fewest parameters, then
                the first in the search's order.

                  --model NAME     M0, Mt, "Mh Chao (LB)", "Mh Poisson2", "Mh Darroch", "Mh Gamma3.5", "Mth Chao (LB)",
                                   "Mth Poisson2", "Mth Darroch", "Mth Gamma3.5", Mb, Mbh, chapman, lincoln-petersen,
                                   chao-lb, generators such as [12][13][4] (independence: [1][2][3][4]), or one of the
                                   Bayesian methods dga and lcmcr (below)
                  --combine C      all-two-way (default), select (the search's best model) or average (AIC/BIC
                                   weights, model-averaged profile-likelihood interval); the bootstrap and conditional
                                   intervals select
                  --criterion C    aic or bic (default bic)
                  --max-order N    highest interaction order searched (default 2)
                  --interval I     profile (default; Rcapture's closedpCI), bootstrap (SparseMSE: BCa, model re-selected
                                   in each replicate) or conditional (SparseMSE's n + exp(b0 +- z se))
                  --level L        confidence level (default 0.95)
                  --replicates N   bootstrap replicates (default 1000)
                  --seed S         bootstrap seed (default 1)
                  --json           one JSON object: observed, lists, estimate {model, total, lower, upper, interval, level,
                                   status, warnings}, candidates [{model, total, stderr, deviance, df, aic, bic, status}]

                Years together (--years-together, one table per year with the same lists; a year is named by its file):
                each year estimated separately with the default, and all years together in one log-linear model with
                year as a stratifying covariate (UNODC's MSE studies): each year its own size and catch rate per list,
                the dependence between every pair of lists shared by the years, so a series cannot jump because a model
                was chosen afresh in one year. Log-normal interval from the joint fit. --json: {years [{year, observed,
                separately {...}, together {...}}], together {model, deviance, df, pValue}}.

                Bayesian methods (the total is the posterior median, the interval the equal-tailed posterior interval at
                --level, the standard error the posterior standard deviation; --json adds a `posterior` object with
                mean, median, mode, quantiles and, for dga, relativeLoss, topModel {cliques, probability} and the
                heaviest models; for lcmcr, diagnostics {ess, rhat, chains, warnings}):
                  dga              Madigan & York's averaging over all decomposable graphical models of the lists (R dga
                                   2.0.2 bma.cr; 2 to 6 lists: 2, 8, 61, 822, 18,154 graphs) with hyper-Dirichlet priors.
                                   Assumes the lists' dependence is captured by one of those graphs, with no variation
                                   in catchability beyond it.
                  --delta D        hyper-Dirichlet parameter (default 2^-K, as dga's examples)
                  --prior P        prior on the total N: one-over-n (default, dga's: -log(N)) or madigan-york:A,B
                                   (N log B - (N+A) log(1+B) + lgamma(N+A) - lgamma(N+1) - lgamma(A))
                  --max-missing M  largest unseen count considered (dga's Nmissing = 1:M). Default: automatic, from
                                   max(2000, 2n) (rounded up to a multiple of 2048), doubled while the upper half of
                                   the range holds > 1e-6 of the posterior (at most 2,000,000); a warning when the top
                                   tenth of the range holds > 1e-3.
                  lcmcr            Manrique-Vallier's latent-class model (R LCMCR 0.4.14): people fall into up to K
                                   classes (a truncated Dirichlet process, concentration ~ Gamma(0.25, 0.25)); within a
                                   class the lists catch independently (Beta(1,1) priors); prior on N proportional to
                                   1/N. Allows catchability to vary between people; fitted by Gibbs sampling.
                  --max-classes K  number of latent classes (default 10)
                  --burnin B       sweeps discarded first (default 10000)
                  --samples S      draws kept per chain (default 1000)
                  --thinning T     sweeps per kept draw (default 100)
                  --chains C       independent chains, run in parallel; results do not depend on threads (default 2)
                  --seed S         seed of the chains (default 1)
                                   Warns when the effective sample size of N is below 400 or the split R-hat above 1.05.
                """;
    }

    @Override
    public Set<String> options() {
        return Set.of("model", "combine", "criterion", "max-order", "search", "rule", "family", "interval", "level", "replicates",
                "seed", "delta", "prior", "max-missing", "max-classes", "burnin", "samples", "thinning", "chains");
    }

    @Override
    public Set<String> flags() {
        return Set.of("json", "years-together");
    }

    @Override
    public int run(CommandLine args) throws Exception {
        if (args.flag("years-together")) {
            return yearsTogether(args);
        }
        if (args.positional().size() != 1) {
            throw new CommandLine.UsageException("give one table: estimate TABLE.csv (several only with --years-together)");
        }
        CaptureHistory history;
        try (Reader in = Files.newBufferedReader(Path.of(args.positional().get(0)), StandardCharsets.UTF_8)) {
            history = CaptureHistoryCsv.read(in);
        }
        String model = args.option("model").orElse("");
        if (BayesianEstimate.names(model)) {
            BayesianEstimate b = bayesian(history, model, args);
            String selection = "named: " + model.trim().toLowerCase(Locale.ROOT);
            long graphs = b.dga() != null ? DecomposableGraphs.of(history.k()).size() : 0;
            // the JSON keeps its usual shape (the method as its one candidate); the text skips the fit-statistics table
            System.out.println(args.flag("json")
                    ? json(new EstimationResult(history, b.estimate(), List.of(Candidate.of(b.estimate())), Map.of(),
                            selection, graphs), b)
                    : text(new EstimationResult(history, b.estimate(), List.of(), Map.of(), selection, graphs)) + bayesText(b));
            return 0;
        }
        EstimationResult result = Estimation.run(history, options(args));
        System.out.println(args.flag("json") ? json(result) : text(result));
        return 0;
    }

    /**
     * {@code --years-together}: one table per year (named by its file, without .csv), estimated separately with the
     * default and together with year as a stratifying covariate ({@link YearsTogether}).
     */
    private static int yearsTogether(CommandLine args) throws Exception {
        if (args.positional().size() < 2) {
            throw new CommandLine.UsageException("--years-together needs two or more tables, one per year");
        }
        List<String> years = new java.util.ArrayList<>();
        List<CaptureHistory> tables = new java.util.ArrayList<>();
        for (String file : args.positional()) {
            try (Reader in = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
                tables.add(CaptureHistoryCsv.read(in));
            } catch (CaptureHistoryCsv.FormatException e) {
                throw new CaptureHistoryCsv.FormatException(file + ": " + e.getMessage());
            }
            years.add(Path.of(file).getFileName().toString().replaceFirst("(?i)\\.csv$", ""));
        }
        double level = args.doubleOption("level", 0.95);
        YearsTogether.Result together;
        try {
            together = YearsTogether.fit(years, tables, level);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.UsageException(e.getMessage());
        }
        EstimationOptions options = options(args);
        ObjectNode root = JSON.createObjectNode();
        ArrayNode out = root.putArray("years");
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "%-12s %8s  %-34s  %-34s%n", "year", "observed", "separately (the default)", "together (year as covariate)"));
        for (int y = 0; y < years.size(); y++) {
            Estimate separate = Estimation.run(tables.get(y), options).estimate();
            Estimate joint = together.estimates().get(y);
            ObjectNode n = out.addObject();
            n.put("year", years.get(y));
            n.put("observed", tables.get(y).observed());
            estimateNode(n.putObject("separately"), separate);
            estimateNode(n.putObject("together"), joint);
            text.append(String.format(Locale.ROOT, "%-12s %8d  %-34s  %-34s%n", years.get(y), tables.get(y).observed(),
                    brief(separate), brief(joint)));
        }
        if (together.diagnostics() != null) {
            ObjectNode d = root.putObject("together");
            d.put("model", together.estimates().get(0).model());
            number(d, "deviance", together.diagnostics().deviance());
            d.put("df", together.diagnostics().df());
            number(d, "pValue", together.diagnostics().pValue());
            text.append(String.format(Locale.ROOT, "together: %s; deviance %.1f on %d df (p = %.3g)%n",
                    together.estimates().get(0).model(), together.diagnostics().deviance(), together.diagnostics().df(),
                    together.diagnostics().pValue()));
            together.estimates().get(0).warnings().forEach(w -> text.append("  warning: ").append(w).append('\n'));
        }
        System.out.print(args.flag("json") ? JSON.writeValueAsString(root) + "\n" : text);
        return 0;
    }

    private static String brief(Estimate e) {
        return e.status() == EstimateStatus.OK ? String.format(Locale.ROOT, "%.0f [%.0f, %.0f]", e.total(),
                e.interval().lower(), e.interval().upper()) : e.status().name();
    }

    static BayesianEstimate bayesian(CaptureHistory history, String model, CommandLine args) {
        double level = args.doubleOption("level", 0.95);
        try {
            if (model.trim().equalsIgnoreCase(BayesianEstimate.DGA)) {
                Dga.Options o = Dga.Options.defaults(history.k())
                        .withDelta(args.doubleOption("delta", Math.pow(2, -history.k())))
                        .withMaxMissing(args.intOption("max-missing", 0));
                if (args.option("prior").isPresent()) {
                    o = o.withPrior(Dga.Prior.parse(args.option("prior").get()));
                }
                return BayesianEstimate.dga(history, o, level);
            }
            Lcmcr.Options d = Lcmcr.Options.defaults();
            Lcmcr.Options o = d.withClasses(args.intOption("max-classes", d.classes()))
                    .withBurnin(args.intOption("burnin", d.burnin()))
                    .withSamples(args.intOption("samples", d.samples()))
                    .withThinning(args.intOption("thinning", d.thinning()))
                    .withChains(args.intOption("chains", d.chains()))
                    .withSeed(args.longOption("seed", d.seed()));
            return BayesianEstimate.lcmcr(history, o, level);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.UsageException(e.getMessage());
        }
    }

    static EstimationOptions options(CommandLine args) {
        ModelSearch search = ModelSearch.withDefaults()
                .withCriterion(choice(args, "criterion", Criterion.class, Criterion.BIC))
                .withMaxOrder(args.intOption("max-order", 2))
                .withMethod(choice(args, "search", ModelSearch.Method.class, ModelSearch.Method.AUTO))
                .withRule(choice(args, "rule", ModelSearch.SelectionRule.class, ModelSearch.SelectionRule.STRICT))
                .withFamily(choice(args, "family", ModelSearch.Family.class, ModelSearch.Family.ALL));
        return EstimationOptions.withDefaults()
                .withModel(args.option("model").orElse(null))
                .withSearch(search)
                .withInterval(choice(args, "interval", EstimationOptions.IntervalChoice.class,
                        EstimationOptions.IntervalChoice.PROFILE))
                .withLevel(args.doubleOption("level", 0.95))
                .withCombination(choice(args, "combine", EstimationOptions.Combination.class,
                        EstimationOptions.Combination.ALL_TWO_WAY))
                .withBootstrap(args.intOption("replicates", 1000), args.longOption("seed", 1));
    }

    private static <E extends Enum<E>> E choice(CommandLine args, String option, Class<E> type, E fallback) {
        String v = args.option(option).orElse(null);
        if (v == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, v.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.UsageException("--" + option + " '" + v + "' is not one of "
                    + java.util.Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList());
        }
    }

    public static String json(EstimationResult r) throws Exception {
        return JSON.writeValueAsString(tree(r));
    }

    /** The usual object plus {@code posterior}: the Bayesian method's summaries. */
    static String json(EstimationResult r, BayesianEstimate b) throws Exception {
        ObjectNode root = tree(r);
        Posterior p = b.posterior();
        if (p != null) {
            ObjectNode post = root.putObject("posterior");
            number(post, "mean", p.mean());
            number(post, "sd", p.sd());
            number(post, "median", p.median());
            number(post, "mode", p.mode());
            ObjectNode q = post.putObject("quantiles");
            p.quantiles().forEach((prob, value) -> number(q, String.valueOf(prob), value));
            if (b.dga() != null) {
                Dga.Result d = b.dga();
                number(post, "relativeLoss", p.relativeLoss());
                ObjectNode top = post.putObject("topModel");
                cliques(top.putArray("cliques"), d.topModel().graph());
                top.put("probability", d.topModel().probability());
                ArrayNode models = post.putArray("models");
                for (Dga.WeightedGraph g : d.top(10)) {
                    ObjectNode m = models.addObject();
                    cliques(m.putArray("cliques"), g.graph());
                    m.put("probability", g.probability());
                }
                post.put("graphs", d.graphs().size());
                post.put("delta", d.options().delta());
                post.put("prior", d.options().prior().label());
                post.put("maxMissing", d.maxMissing());
                post.put("tailMass", d.tailMass());
            }
            if (b.lcmcr() != null) {
                Lcmcr.Result l = b.lcmcr();
                McmcDiagnostics.Summary s = l.diagnostics();
                ObjectNode diag = post.putObject("diagnostics");
                number(diag, "ess", s.ess());
                number(diag, "rhat", s.rhat());
                diag.put("chains", s.chains());
                diag.put("drawsPerChain", s.drawsPerChain());
                ArrayNode w = diag.putArray("warnings");
                l.warnings().forEach(w::add);
                ObjectNode set = post.putObject("settings");
                Lcmcr.Options o = l.options();
                set.put("classes", o.classes());
                set.put("aAlpha", o.aAlpha());
                set.put("bAlpha", o.bAlpha());
                set.put("burnin", o.burnin());
                set.put("samples", o.samples());
                set.put("thinning", o.thinning());
                set.put("seed", o.seed());
            }
        }
        return JSON.writeValueAsString(root);
    }

    private static void cliques(ArrayNode out, DecomposableGraphs.Graph g) {
        for (List<Integer> c : g.cliqueLists()) {
            ArrayNode a = out.addArray();
            c.forEach(a::add);
        }
    }

    static String bayesText(BayesianEstimate b) {
        Posterior p = b.posterior();
        if (p == null) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%nposterior of the total: mean %.1f, median %.0f, mode %.0f, sd %.1f%n",
                p.mean(), p.median(), p.mode(), p.sd()));
        s.append("  quantiles:");
        p.quantiles().forEach((prob, v) -> s.append(String.format(Locale.ROOT, " %s%%=%.0f", pct(prob), v)));
        s.append('\n');
        if (b.dga() != null) {
            Dga.Result d = b.dga();
            s.append(String.format(Locale.ROOT, "  relative-loss estimate %.1f; unseen counts 1..%d (tail mass %.2g)%n",
                    p.relativeLoss(), d.maxMissing(), d.tailMass()));
            s.append("  models by posterior probability:\n");
            for (Dga.WeightedGraph g : d.top(5)) {
                s.append(String.format(Locale.ROOT, "    %-24s %.4f%n", g.graph().cliqueLists(), g.probability()));
            }
        }
        if (b.lcmcr() != null) {
            McmcDiagnostics.Summary d = b.lcmcr().diagnostics();
            s.append(String.format(Locale.ROOT, "  convergence: effective sample size %.0f, split R-hat %.3f (%d chains x %d draws)%n",
                    d.ess(), d.rhat(), d.chains(), d.drawsPerChain()));
        }
        return s.toString();
    }

    private static String pct(double prob) {
        double v = 100 * prob;
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** An estimate's fields in the shape of {@code estimate --json}'s "estimate" object. */
    private static void estimateNode(ObjectNode est, Estimate e) {
        est.put("model", e.model());
        number(est, "total", e.total());
        number(est, "stderr", e.stderr());
        number(est, "lower", e.interval().lower());
        number(est, "upper", e.interval().upper());
        est.put("interval", e.interval().method().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        est.put("level", e.interval().level());
        est.put("status", e.status().name());
        ArrayNode warnings = est.putArray("warnings");
        e.warnings().forEach(warnings::add);
        if (e.diagnostics() != null) {
            ObjectNode d = est.putObject("diagnostics");
            number(d, "deviance", e.diagnostics().deviance());
            d.put("df", e.diagnostics().df());
            number(d, "pValue", e.diagnostics().pValue());
            number(d, "aic", e.diagnostics().aic());
            number(d, "bic", e.diagnostics().bic());
        }
    }

    private static ObjectNode tree(EstimationResult r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("observed", r.history().observed());
        ArrayNode lists = root.putArray("lists");
        r.history().lists().forEach(lists::add);
        estimateNode(root.putObject("estimate"), r.estimate());
        root.put("selection", r.selection());
        root.put("modelsSearched", r.modelsSearched());
        ObjectNode aside = root.putObject("setAside");
        r.setAside().forEach(aside::put);
        ArrayNode candidates = root.putArray("candidates");
        for (Candidate c : r.candidates()) {
            ObjectNode n = candidates.addObject();
            n.put("model", c.model());
            number(n, "total", c.total());
            number(n, "stderr", c.stderr());
            number(n, "deviance", c.deviance());
            n.put("df", c.df());
            number(n, "aic", c.aic());
            number(n, "bic", c.bic());
            n.put("status", c.status().name());
            if (c.note() != null) {
                n.put("note", c.note());
            }
            if (c.rank() > 0) {
                n.put("rank", c.rank());
            }
        }
        return root;
    }

    private static void number(ObjectNode node, String name, double value) {
        if (Double.isFinite(value)) {
            node.put(name, value);
        } else {
            node.putNull(name);
        }
    }

    static String text(EstimationResult r) {
        StringBuilder s = new StringBuilder();
        Estimate e = r.estimate();
        s.append(String.format(Locale.ROOT, "%d people observed on %d lists (%s)%n", r.history().observed(), r.history().k(),
                String.join(", ", r.history().lists())));
        s.append("selection: ").append(r.selection()).append('\n');
        if (e.status() == EstimateStatus.OK) {
            s.append(String.format(Locale.ROOT, "estimate: %.1f (se %.1f), %s %.0f%% interval [%.1f, %.1f], model %s%n",
                    e.total(), e.stderr(), e.interval().method().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                    100 * e.interval().level(), e.interval().lower(), e.interval().upper(), e.model()));
        } else {
            s.append("no estimate: ").append(e.status()).append('\n');
        }
        e.warnings().forEach(w -> s.append("  warning: ").append(w).append('\n'));
        if (!r.setAside().isEmpty()) {
            s.append("models set aside: ").append(r.setAside()).append('\n');
        }
        if (r.candidates().isEmpty()) {
            return s.toString();
        }
        s.append(String.format(Locale.ROOT, "%n%-28s %12s %10s %11s %5s %11s %11s  %s%n", "candidate", "total", "stderr",
                "deviance", "df", "AIC", "BIC", "status"));
        for (Candidate c : r.candidates()) {
            s.append(String.format(Locale.ROOT, "%-28s %12.2f %10.2f %11.3f %5d %11.3f %11.3f  %s%n", c.model(), c.total(),
                    c.stderr(), c.deviance(), c.df(), c.aic(), c.bic(), c.status() + (c.note() == null ? "" : " (flagged)")));
        }
        return s.toString();
    }
}
