package org.darkfigure.estimate.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.darkfigure.estimate.Criterion;
import org.darkfigure.estimate.Quality;
import org.darkfigure.link.spark.LinkStage;
import org.darkfigure.link.spark.LinkedPopulation;
import org.darkfigure.manifest.RunParameters;
import org.darkfigure.manifest.StageReport;
import org.darkfigure.spark.StageContext;
import org.darkfigure.spark.Staged;

/**
 * Capture histories per stratum and an estimate for each, all strata in parallel: Spark counts people
 * per list pattern, then each stratum's small table is estimated in plain Java ({@link StratumFit}).
 * A stratum is (population, country, year, sub-stratum): population "migrant" (smuggled migrants) or
 * "offender" (smugglers), sub-stratum "all" for linked records, or a sex / age band / citizenship group
 * given by an aggregated capture-history table.
 */
public final class EstimateStage {

    /** Pattern counts, the shape every source of capture histories is brought to. */
    public static final StructType PATTERNS = new StructType()
            .add("population", DataTypes.StringType, false)
            .add("country", DataTypes.StringType, false)
            .add("year", DataTypes.IntegerType, false)
            .add("stratum", DataTypes.StringType, false)
            .add("origin", DataTypes.StringType, false)
            .add("sources", DataTypes.createArrayType(DataTypes.StringType), false)
            .add("count", DataTypes.LongType, false);

    static final StructType CANDIDATE = new StructType()
            .add("model", DataTypes.StringType, false)
            .add("total", DataTypes.DoubleType, true)
            .add("stderr", DataTypes.DoubleType, true)
            .add("deviance", DataTypes.DoubleType, true)
            .add("df", DataTypes.IntegerType, false)
            .add("aic", DataTypes.DoubleType, true)
            .add("bic", DataTypes.DoubleType, true)
            .add("status", DataTypes.StringType, false)
            .add("note", DataTypes.StringType, true)
            .add("rank", DataTypes.IntegerType, true)
            // Bayesian comparison candidates (dga, LCMCR): posterior interval and dga's heaviest graphs
            .add("lower", DataTypes.DoubleType, true)
            .add("upper", DataTypes.DoubleType, true)
            .add("interval", DataTypes.StringType, true)
            .add("weights", DataTypes.createArrayType(new StructType()
                    .add("model", DataTypes.StringType, false)
                    .add("probability", DataTypes.DoubleType, false)), true);

    public static final StructType SCHEMA = new StructType()
            .add("population", DataTypes.StringType, false)
            .add("country", DataTypes.StringType, false)
            .add("year", DataTypes.IntegerType, false)
            .add("stratum", DataTypes.StringType, false)
            .add("origin", DataTypes.StringType, false)
            .add("observed", DataTypes.LongType, false)
            .add("k", DataTypes.IntegerType, false)
            .add("lists", DataTypes.createArrayType(DataTypes.StringType), false)
            .add("list_sizes", DataTypes.createArrayType(DataTypes.LongType), false)
            .add("pattern_counts", DataTypes.createArrayType(DataTypes.LongType), false)
            .add("method", DataTypes.StringType, false)
            .add("model", DataTypes.StringType, false)
            .add("total", DataTypes.DoubleType, false)
            .add("stderr", DataTypes.DoubleType, false)
            .add("lower", DataTypes.DoubleType, false)
            .add("upper", DataTypes.DoubleType, false)
            .add("level", DataTypes.DoubleType, false)
            .add("interval", DataTypes.StringType, false)
            .add("status", DataTypes.StringType, false)
            .add("warnings", DataTypes.createArrayType(DataTypes.StringType), false)
            .add("deviance", DataTypes.DoubleType, true)
            .add("df", DataTypes.IntegerType, true)
            .add("p_value", DataTypes.DoubleType, true)
            .add("aic", DataTypes.DoubleType, true)
            .add("bic", DataTypes.DoubleType, true)
            .add("selection", DataTypes.StringType, false)
            .add("models_searched", DataTypes.LongType, false)
            .add("set_aside", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType), false)
            .add("candidates", DataTypes.createArrayType(CANDIDATE), false);

    private EstimateStage() {
    }

    /**
     * The stage: capture patterns of every linked population (from its persons in the working folder) and of
     * the aggregated capture-history tables (record-level data win where a country-year has both), every
     * stratum estimated in parallel, the linkage sensitivity, the yearly totals; written to
     * {@code estimates/estimates.parquet} and {@code estimates/estimates.json}. Returns the estimate rows.
     */
    public static Staged<List<Row>> estimateAll(StageContext ctx, Map<String, Dataset<Row>> harmonised,
                                                Map<String, LinkStage.Linked> linkages) throws IOException {
        long t = System.nanoTime();
        RunParameters p = ctx.parameters();
        List<String> warnings = new ArrayList<>();
        Map<String, Long> counts0 = new LinkedHashMap<>();
        List<Dataset<Row>> patterns = new ArrayList<>();
        for (LinkedPopulation population : LinkedPopulation.ALL) {
            if (linkages.containsKey(population.recordType())) {
                patterns.add(patternsOfPersons(ctx.spark().read().parquet(ctx.path(population.persons())),
                        population.recordType()));
            }
        }
        Dataset<Row> tables = harmonised.get("capture_history");
        if (tables != null) {
            Dataset<Row> aggregated = patternsOfTables(tables);
            if (!patterns.isEmpty()) {
                // Record-level data win where a country-year has both (they can be linked and checked).
                Dataset<Row> covered = patterns.get(0).select("population", "country", "year").distinct();
                long overlapping = aggregated.join(covered, new String[] {"population", "country", "year"}, "left_semi")
                        .select("country", "year").distinct().count();
                if (overlapping > 0) {
                    warnings.add(overlapping + " country-years have both records and an aggregated table; "
                            + "the records are used and the table set aside");
                    aggregated = aggregated.join(covered, new String[] {"population", "country", "year"}, "left_anti");
                }
            }
            patterns.add(aggregated);
        }
        StratumFit fit = new StratumFit(p.level(), Criterion.valueOf(p.criterion().name()), p.maxOrder(), p.bayes(),
                StratumFit.combination(p.estimator()));
        List<Row> estimates = List.of();
        if (!patterns.isEmpty()) {
            Dataset<Row> all = patterns.get(0);
            for (int i = 1; i < patterns.size(); i++) {
                all = all.unionByName(patterns.get(i));
            }
            estimates = counted(ctx, all, fit);
        }
        if (p.years().equals("together")) {
            YearsPooling.Pooled pooled = YearsPooling.apply(estimates, p.level());
            estimates = pooled.rows();
            counts0.put("series_pooled", (long) pooled.series());
        }
        ctx.spark().createDataFrame(estimates, SCHEMA).coalesce(1).write().parquet(ctx.path(PARQUET));
        List<EstimatesJson.TotalRow> totals = EstimatesJson.totals(estimates, p.level());
        Map<String, Map<Double, Double>> sensitivity = LinkageSensitivity.totals(ctx.spark(), linkages, fit.withoutBayes());
        String createdAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        try (OutputStream out = ctx.storage().create(ctx.working() + "/" + JSON)) {
            out.write(EstimatesJson.render(ctx.releaseId(), createdAt, p.level(), estimates, totals, sensitivity));
        }
        long notOk = estimates.stream().filter(r -> !"OK".equals(r.getAs("status"))).count();
        if (notOk > 0) {
            warnings.add(notOk + " strata have no trustworthy estimate");
        }
        Map<String, Long> counts = new LinkedHashMap<>(counts0);
        counts.put("strata", (long) estimates.size());
        counts.put("strata_not_ok", notOk);
        Map<String, String> changes = EstimatesJson.modelChanges(estimates);
        for (Quality.Flag flag : Quality.Flag.values()) { // the release's quality at a glance, in its manifest
            counts.put("strata_" + flag.name().toLowerCase(java.util.Locale.ROOT),
                    estimates.stream().filter(r -> EstimatesJson.quality(r, changes).flag() == flag).count());
        }
        counts.put("model_changes", (long) changes.size());
        return new Staged<>(estimates, new StageReport("estimate", counts, Staged.seconds(t), warnings),
                List.of(PARQUET, JSON));
    }

    /** Where the stage writes, inside the release. */
    public static final String PARQUET = "estimates/estimates.parquet";
    public static final String JSON = "estimates/estimates.json";

    /** Pattern counts of linked persons (one row per person with its sorted sources). */
    public static Dataset<Row> patternsOfPersons(Dataset<Row> persons, String population) {
        return persons.groupBy(col("reporting_country"), col(org.darkfigure.spark.Columns.YEAR), col(LinkStage.SOURCES)).count()
                .select(lit(population).as("population"), col("reporting_country").as("country"),
                        col(org.darkfigure.spark.Columns.YEAR).as("year"), lit("all").as("stratum"), lit("records").as("origin"),
                        col(LinkStage.SOURCES).as("sources"), col("count"));
    }

    /**
     * Pattern counts of aggregated capture-history submissions: each row's lists marked 1 become its
     * sources; the sub-stratum is "all" or the given sex, age band and citizenship group.
     */
    public static Dataset<Row> patternsOfTables(Dataset<Row> tables) {
        return tables.select(lit("migrant").as("population"), col("reporting_country").as("country"), col("year"),
                expr("CASE WHEN sex IS NULL AND age_band IS NULL AND citizenship_group IS NULL THEN 'all' ELSE "
                        + "concat_ws(',', IF(sex IS NULL, NULL, concat('sex=', sex)), IF(age_band IS NULL, NULL, "
                        + "concat('age_band=', age_band)), IF(citizenship_group IS NULL, NULL, "
                        + "concat('citizenship_group=', citizenship_group))) END").as("stratum"),
                lit("aggregated").as("origin"),
                expr("array_sort(filter(transform(sequence(0, size(lists) - 1), i -> "
                        + "IF(substring(pattern, i + 1, 1) = '1', lists[i], NULL)), x -> x IS NOT NULL))").as("sources"),
                col("count").cast("long").as("count"))
                .filter(col("count").gt(0));
    }

    /**
     * {@link #estimates}, reporting the strata estimated so far while Spark works (an accumulator, read every
     * half second; Spark adds a task's strata when the task ends).
     */
    private static List<Row> counted(StageContext ctx, Dataset<Row> all, StratumFit fit) {
        // the pattern counts are small (a row per stratum and pattern): cached, they are read once for the count of
        // strata and once for the estimates
        Dataset<Row> patterns = all.cache();
        long total = patterns.select("population", "country", "year", "stratum", "origin").distinct().count();
        org.apache.spark.util.LongAccumulator done = ctx.spark().sparkContext().longAccumulator("strata estimated");
        ctx.within("estimate", "estimating each stratum", 0L, total, "strata");
        java.util.concurrent.ScheduledExecutorService reporter = java.util.concurrent.Executors
                .newSingleThreadScheduledExecutor(r -> {
                    Thread thread = new Thread(r, "estimate-progress");
                    thread.setDaemon(true);
                    return thread;
                });
        long[] reported = {0};
        reporter.scheduleWithFixedDelay(() -> {
            long now = Math.min(total, done.value()); // a retried task adds its strata again
            if (now != reported[0]) {
                reported[0] = now;
                ctx.within("estimate", "estimating each stratum", now, total, "strata");
            }
        }, 500, 500, java.util.concurrent.TimeUnit.MILLISECONDS);
        List<Row> estimates;
        try {
            estimates = estimates(patterns, fit.counting(done));
        } finally {
            patterns.unpersist();
            reporter.shutdownNow();
        }
        try {
            reporter.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS); // no late, smaller count after the last
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ctx.within("estimate", "strata estimated; the linkage sensitivity and the totals next", total, total, "strata");
        return estimates;
    }

    /** One row per stratum in {@link #SCHEMA}, sorted by population, country, year and stratum. */
    public static List<Row> estimates(Dataset<Row> patterns, StratumFit fit) {
        return patterns
                .withColumn("_stratum", concat_ws("|", col("population"), col("country"), col("year").cast("string"),
                        col("stratum"), col("origin")))
                .groupByKey((MapFunction<Row, String>) StratumKey::of, Encoders.STRING())
                .flatMapGroups(fit, Encoders.row(SCHEMA))
                .orderBy(col("population"), col("country"), col("year"), col("stratum"))
                .collectAsList();
    }

    /** The stratum key of a pattern row (its last column). A named class so Spark serialises nothing else. */
    static final class StratumKey {
        private StratumKey() {
        }

        static String of(Row row) {
            return row.getString(row.length() - 1);
        }
    }
}
