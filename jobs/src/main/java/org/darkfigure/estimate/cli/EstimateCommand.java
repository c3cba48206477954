package org.darkfigure.estimate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.darkfigure.cli.Command;
import org.darkfigure.cli.CommandLine;
import org.darkfigure.estimate.Candidate;
import org.darkfigure.estimate.CaptureHistory;
import org.darkfigure.estimate.Criterion;
import org.darkfigure.estimate.Estimate;
import org.darkfigure.estimate.EstimateStatus;
import org.darkfigure.estimate.Estimation;
import org.darkfigure.estimate.EstimationOptions;
import org.darkfigure.estimate.EstimationResult;
import org.darkfigure.estimate.ModelSearch;

/** {@code ./darkfigure estimate TABLE.csv}: the estimation engine for a statistician's own table, without Spark. */
public final class EstimateCommand implements Command {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public String name() {
        return "estimate";
    }

    @Override
    public String summary() {
        return "estimate the total from a capture-history table (model search, intervals, diagnostics)";
    }

    @Override
    public String help() {
        return """
                usage: ./darkfigure estimate TABLE.csv [--model NAME] [--criterion aic|bic] [--max-order N]
                         [--search auto|exhaustive|stepwise] [--rule strict|rcapture|existence] [--family all|loglinear]
                         [--interval profile|bootstrap|conditional] [--level 0.95] [--replicates N --seed S] [--json]

                TABLE.csv: one 0/1 column per list (the header names the lists) and a `count` column, one row per
                observed pattern (absent patterns count 0).

                Without --model, two lists give Chapman's estimate and more lists a search over hierarchical
                log-linear models by the criterion (exhaustive when there are at most 40,000 models, else SparseMSE's
                stepwise search). Rule: strict (default) = the MLE exists and the fit is clean; rcapture = clean fits
                (closedpMS.t); existence = the MLE exists (MultipleSystemsEstimation). Family: all (default) lets
                Rcapture's heterogeneity models (M0, Mt, Mh, Mth; not the time-ordered Mb, Mbh) compete with the
                hierarchical log-linear models on the same criterion; loglinear searches the hierarchical ones only.

                  --model NAME     M0, Mt, "Mh Chao (LB)", "Mh Poisson2", "Mh Darroch", "Mh Gamma3.5", "Mth Chao (LB)",
                                   "Mth Poisson2", "Mth Darroch", "Mth Gamma3.5", Mb, Mbh, chapman, lincoln-petersen,
                                   chao-lb, or generators such as [12][13][4] (independence: [1][2][3][4])
                  --criterion C    aic or bic (default bic)
                  --max-order N    highest interaction order searched (default 2)
                  --interval I     profile (default; Rcapture's closedpCI), bootstrap (SparseMSE: BCa, model re-selected
                                   in each replicate) or conditional (SparseMSE's n + exp(b0 +- z se))
                  --level L        confidence level (default 0.95)
                  --replicates N   bootstrap replicates (default 1000)
                  --seed S         bootstrap seed (default 1)
                  --json           one JSON object: observed, lists, estimate {model, total, lower, upper, interval, level,
                                   status, warnings}, candidates [{model, total, stderr, deviance, df, aic, bic, status}]
                """;
    }

    @Override
    public Set<String> options() {
        return Set.of("model", "criterion", "max-order", "search", "rule", "family", "interval", "level", "replicates",
                "seed");
    }

    @Override
    public Set<String> flags() {
        return Set.of("json");
    }

    @Override
    public int run(CommandLine args) throws Exception {
        if (args.positional().size() != 1) {
            throw new CommandLine.UsageException("give one table: estimate TABLE.csv");
        }
        CaptureHistory history;
        try (Reader in = Files.newBufferedReader(Path.of(args.positional().get(0)), StandardCharsets.UTF_8)) {
            history = CaptureHistoryCsv.read(in);
        }
        EstimationResult result = Estimation.run(history, options(args));
        System.out.println(args.flag("json") ? json(result) : text(result));
        return 0;
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
                .withBootstrap(args.intOption("replicates", 1000), args.longOption("seed", 1));
    }

    private static <E extends Enum<E>> E choice(CommandLine args, String option, Class<E> type, E fallback) {
        String v = args.option(option).orElse(null);
        if (v == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, v.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.UsageException("--" + option + " '" + v + "' is not one of "
                    + java.util.Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
        }
    }

    public static String json(EstimationResult r) throws Exception {
        ObjectNode root = JSON.createObjectNode();
        root.put("observed", r.history().observed());
        ArrayNode lists = root.putArray("lists");
        r.history().lists().forEach(lists::add);
        Estimate e = r.estimate();
        ObjectNode est = root.putObject("estimate");
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
        return JSON.writeValueAsString(root);
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
        s.append(String.format(Locale.ROOT, "%n%-28s %12s %10s %11s %5s %11s %11s  %s%n", "candidate", "total", "stderr",
                "deviance", "df", "AIC", "BIC", "status"));
        for (Candidate c : r.candidates()) {
            s.append(String.format(Locale.ROOT, "%-28s %12.2f %10.2f %11.3f %5d %11.3f %11.3f  %s%n", c.model(), c.total(),
                    c.stderr(), c.deviance(), c.df(), c.aic(), c.bic(), c.status() + (c.note() == null ? "" : " (flagged)")));
        }
        return s.toString();
    }
}
