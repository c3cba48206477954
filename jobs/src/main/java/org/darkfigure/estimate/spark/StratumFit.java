package org.darkfigure.estimate.spark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.sql.Row;
import org.darkfigure.estimate.CaptureHistory;
import org.darkfigure.estimate.Estimate;
import org.darkfigure.estimate.bayes.BayesianEstimate;
import org.darkfigure.estimate.search.Candidate;
import org.darkfigure.estimate.search.Estimation;
import org.darkfigure.estimate.search.EstimationOptions;
import org.darkfigure.estimate.search.EstimationResult;
import org.darkfigure.estimate.search.ModelSearch;
import org.darkfigure.spark.RowBuilder;

/**
 * Estimates one stratum inside Spark: gathers its (sources, count) rows into a {@link CaptureHistory}
 * (lists = the sources seen in the stratum, sorted) and calls the plain-Java engine with the run's
 * options. The Bayesian methods the run asks for (dga, LCMCR) are added as comparison candidates, with the
 * pipeline's cut-down settings ({@link BayesianEstimate#comparison}); they never choose the estimate.
 */
public final class StratumFit implements FlatMapGroupsFunction<String, Row, Row> {

    private static final long serialVersionUID = 1L;
    private final double level;
    private final org.darkfigure.estimate.Criterion criterion;
    private final int maxOrder;
    private final String bayes;
    private final EstimationOptions.Combination combination;
    /** Counts the strata estimated, for the run's progress; null when nobody follows it. */
    private final org.apache.spark.util.LongAccumulator strata;

    /** The published default, without Bayesian comparison candidates. */
    public StratumFit(double level, org.darkfigure.estimate.Criterion criterion, int maxOrder) {
        this(level, criterion, maxOrder, "none", EstimationOptions.Combination.ALL_TWO_WAY);
    }

    /**
     * @param bayes the Bayesian comparison candidates: "dga", "lcmcr", "dga,lcmcr" or "none"
     * @param combination the rule for 3+ lists (run parameter {@code estimator})
     */
    public StratumFit(double level, org.darkfigure.estimate.Criterion criterion, int maxOrder, String bayes,
                      EstimationOptions.Combination combination) {
        this(level, criterion, maxOrder, bayes, combination, null);
    }

    private StratumFit(double level, org.darkfigure.estimate.Criterion criterion, int maxOrder, String bayes,
                       EstimationOptions.Combination combination, org.apache.spark.util.LongAccumulator strata) {
        BayesianEstimate.parseMethods(bayes);
        this.level = level;
        this.criterion = criterion;
        this.maxOrder = maxOrder;
        this.bayes = bayes;
        this.combination = combination;
        this.strata = strata;
    }

    /** The run parameter {@code estimator} as the engine's rule. */
    public static EstimationOptions.Combination combination(String estimator) {
        return EstimationOptions.Combination.valueOf(estimator.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }

    /** The same fit without the Bayesian candidates (for re-estimates that need only the total). */
    public StratumFit withoutBayes() {
        return new StratumFit(level, criterion, maxOrder, "none", combination);
    }

    /** The same fit, adding one to {@code strata} for each stratum it estimates (the run's progress). */
    public StratumFit counting(org.apache.spark.util.LongAccumulator strata) {
        return new StratumFit(level, criterion, maxOrder, bayes, combination, strata);
    }

    public EstimationOptions options() {
        return EstimationOptions.withDefaults().withLevel(level).withSearch(ModelSearch.withDefaults()
                .withCriterion(criterion).withMaxOrder(maxOrder)).withCombination(combination);
    }

    @Override
    public Iterator<Row> call(String key, Iterator<Row> patterns) {
        if (strata != null) {
            strata.add(1);
        }
        Row first = null;
        Map<List<String>, Long> byPattern = new HashMap<>();
        TreeSet<String> sources = new TreeSet<>();
        while (patterns.hasNext()) {
            Row r = patterns.next();
            if (first == null) {
                first = r;
            }
            List<String> pattern = r.getList(5);
            byPattern.merge(List.copyOf(pattern), r.getLong(6), Long::sum);
            sources.addAll(pattern);
        }
        List<String> lists = new ArrayList<>(sources);
        Map<Integer, Long> counts = new HashMap<>();
        byPattern.forEach((pattern, count) -> {
            int mask = 0;
            for (String s : pattern) {
                mask |= 1 << lists.indexOf(s);
            }
            counts.merge(mask, count, Long::sum);
        });
        CaptureHistory history = CaptureHistory.of(lists, counts);
        EstimationResult result = Estimation.run(history, options());
        Estimate e = result.estimate();
        List<Long> sizes = new ArrayList<>();
        for (int i = 0; i < lists.size(); i++) {
            sizes.add(history.listSize(i));
        }
        List<Long> cells = new ArrayList<>();
        for (long c : history.counts()) {
            cells.add(c);
        }
        List<Candidate> all = new ArrayList<>(result.candidates());
        all.addAll(BayesianEstimate.comparison(history, level, bayes));
        List<Row> candidates = new ArrayList<>();
        for (Candidate c : all) {
            List<Row> weights = new ArrayList<>();
            c.weights().forEach(w -> weights.add(RowBuilder.of(WEIGHT).set("model", w.model())
                    .set("probability", w.probability()).build()));
            candidates.add(RowBuilder.of(EstimateStage.CANDIDATE)
                    .set("model", c.model()).set("total", nan(c.total())).set("stderr", nan(c.stderr()))
                    .set("deviance", nan(c.deviance())).set("df", c.df()).set("aic", nan(c.aic())).set("bic", nan(c.bic()))
                    .set("status", c.status().name()).set("note", c.note()).set("rank", c.rank() == 0 ? null : c.rank())
                    .set("lower", c.interval() == null ? null : nan(c.interval().lower()))
                    .set("upper", c.interval() == null ? null : nan(c.interval().upper()))
                    .set("interval", c.interval() == null ? null : c.interval().method().name())
                    .set("weights", weights.isEmpty() ? null : seq(weights)).build());
        }
        var d = e.diagnostics();
        Row row = RowBuilder.of(EstimateStage.SCHEMA)
                .set("population", first.getString(0)).set("country", first.getString(1)).set("year", first.getInt(2))
                .set("stratum", first.getString(3)).set("origin", first.getString(4))
                .set("observed", e.observed()).set("k", lists.size()).set("lists", seq(lists))
                .set("list_sizes", seq(sizes)).set("pattern_counts", seq(cells))
                .set("method", e.method()).set("model", e.model()).set("total", e.total()).set("stderr", e.stderr())
                .set("lower", e.interval().lower()).set("upper", e.interval().upper()).set("level", e.interval().level())
                .set("interval", e.interval().method().name()).set("status", e.status().name())
                .set("warnings", seq(e.warnings()))
                .set("deviance", d == null ? null : d.deviance()).set("df", d == null ? null : d.df())
                .set("p_value", d == null ? null : nan(d.pValue())).set("aic", d == null ? null : d.aic())
                .set("bic", d == null ? null : d.bic())
                .set("selection", result.selection()).set("models_searched", result.modelsSearched())
                .set("set_aside", scala.jdk.javaapi.CollectionConverters.asScala(result.setAside())
                        .toMap(scala.$less$colon$less$.MODULE$.refl()))
                .set("candidates", seq(candidates)).build();
        return List.of(row).iterator();
    }

    private static final org.apache.spark.sql.types.StructType WEIGHT =
            (org.apache.spark.sql.types.StructType) ((org.apache.spark.sql.types.ArrayType)
                    EstimateStage.CANDIDATE.apply("weights").dataType()).elementType();

    private static Double nan(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static <T> scala.collection.immutable.Seq<T> seq(List<T> list) {
        return scala.jdk.javaapi.CollectionConverters.asScala(list).toSeq();
    }
}
