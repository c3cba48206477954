package org.darkfigure.estimate.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.darkfigure.harmonise.spark.HarmoniseStage;
import org.darkfigure.link.spark.LinkStage;

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

    private static final StructType CANDIDATE = new StructType()
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

    /** Pattern counts of linked persons (one row per person with its sorted sources). */
    public static Dataset<Row> patternsOfPersons(Dataset<Row> persons, String population) {
        return persons.groupBy(col("reporting_country"), col(HarmoniseStage.YEAR), col(LinkStage.SOURCES)).count()
                .select(lit(population).as("population"), col("reporting_country").as("country"),
                        col(HarmoniseStage.YEAR).as("year"), lit("all").as("stratum"), lit("records").as("origin"),
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
