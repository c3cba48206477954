package org.darkfigure.estimate.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;

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
 * Capture histories per stratum (country x year) and an estimate for each, all strata in parallel:
 * Spark counts people per list pattern, then each stratum's small table is fitted in plain Java.
 */
public final class EstimateStage {

    public static final StructType SCHEMA = new StructType()
            .add("country", DataTypes.StringType, false)
            .add("year", DataTypes.IntegerType, false)
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
            .add("aic", DataTypes.DoubleType, true)
            .add("bic", DataTypes.DoubleType, true);

    private EstimateStage() {
    }

    /** Counts of people per (country, year, sources) pattern. */
    public static Dataset<Row> patterns(Dataset<Row> persons) {
        return persons.groupBy(col("reporting_country"), col(HarmoniseStage.YEAR), col(LinkStage.SOURCES))
                .count();
    }

    /** One row per stratum in {@link #SCHEMA}, sorted by country and year. */
    public static List<Row> estimates(Dataset<Row> persons, double level) {
        Dataset<Row> patterns = patterns(persons)
                .withColumn("_stratum", concat_ws("|", col("reporting_country"), col(HarmoniseStage.YEAR).cast("string")))
                .select(col("reporting_country"), col(HarmoniseStage.YEAR), col(LinkStage.SOURCES), col("count"),
                        col("_stratum"));
        return patterns
                .groupByKey((MapFunction<Row, String>) StratumKey::of, Encoders.STRING())
                .flatMapGroups(new StratumFit(level), Encoders.row(SCHEMA))
                .orderBy(col("country"), col("year"))
                .collectAsList();
    }

    /** The stratum key of a pattern row (its last column). A named class so Spark serialises nothing else. */
    static final class StratumKey {
        private StratumKey() {
        }

        static String of(Row row) {
            return row.getString(4);
        }
    }
}
