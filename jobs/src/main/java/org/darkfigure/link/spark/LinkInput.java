package org.darkfigure.link.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.shiftrightunsigned;
import static org.apache.spark.sql.functions.spark_partition_id;
import static org.apache.spark.sql.functions.to_date;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * Brings records of any origin (harmonised submissions, or evaluation files in the upload format) to
 * the columns linkage reads: rid (0..n-1), stratum, source, the linkage fields, quasi-identifiers,
 * day, incident and the record key (where the records have {@link LinkStage#RECORD_KEY}). A field the records
 * lack is missing; the stratum is built from the given columns.
 */
public final class LinkInput {

    private LinkInput() {
    }

    /**
     * @param stratum columns whose values define the stratum (absent columns are ignored)
     * @param source  the column naming the list (absent: one list)
     * @param key     the keyed identity column (linkage_key for migrants, offender_key for smugglers)
     * @param date    the detection date column (absent: no date comparison)
     */
    public static Dataset<Row> prepare(SparkSession spark, Dataset<Row> records, List<String> stratum, String source,
                                       String key, String date) {
        List<String> columns = List.of(records.columns());
        List<Column> strata = new ArrayList<>();
        for (String s : stratum) {
            if (columns.contains(s)) {
                strata.add(col(s).cast("string"));
            }
        }
        Column stratumColumn = strata.isEmpty() ? lit("") : concat_ws("|", strata.toArray(Column[]::new));
        Dataset<Row> selected = records.select(
                stratumColumn.as("stratum"),
                columns.contains(source) ? coalesce(col(source).cast("string"), lit("")).as("source") : lit("").as("source"),
                optional(columns, key, "linkage_key"),
                optional(columns, "lk_name_bf", "lk_name_bf"),
                optional(columns, "lk_dob_hash", "lk_dob_hash"),
                optional(columns, "lk_name_ph", "lk_name_ph"),
                optional(columns, "lk_dob_var", "lk_dob_var"),
                optional(columns, "lk_doc_hash", "lk_doc_hash"),
                optional(columns, "lk_doc_bf", "lk_doc_bf"),
                columns.contains("birth_year") ? col("birth_year").cast("int").as("birth_year")
                        : lit(null).cast(DataTypes.IntegerType).as("birth_year"),
                optional(columns, "sex", "sex"),
                optional(columns, "citizenship", "citizenship"),
                columns.contains(date) ? datediff(to_date(col(date).cast("string")), lit("1970-01-01")).as("day")
                        : lit(null).cast(DataTypes.IntegerType).as("day"),
                optional(columns, "incident_id", "incident"),
                optional(columns, LinkStage.RECORD_KEY, "record_key"),
                columns.contains("rid") ? col("rid") : lit(null).cast(DataTypes.LongType).as("rid"));
        return columns.contains("rid") ? selected : withRowIds(spark, selected.drop("rid"));
    }

    private static Column optional(List<String> columns, String name, String as) {
        return columns.contains(name) ? col(name).cast("string").as(as) : lit(null).cast(DataTypes.StringType).as(as);
    }

    /**
     * Appends rid = 0..n-1 in the frame's order (the records keep it in every later join): the rows of the partitions
     * before plus the position in its own, which is what {@code zipWithIndex} numbers. Computed in Spark SQL from
     * each partition's row count (one small query that reads no column) and {@code monotonically_increasing_id},
     * rather than by turning every row into a Java object and back: that round trip of the linkage columns (the name
     * and document encodings are hundreds of characters) was a third of the 1M pipeline's link stage in stack samples.
     */
    public static Dataset<Row> withRowIds(SparkSession spark, Dataset<Row> frame) {
        List<Row> counts = frame.select(spark_partition_id().as("p")).groupBy("p").count().collectAsList();
        int partitions = counts.stream().mapToInt(r -> r.getInt(0) + 1).max().orElse(1);
        long[] sizes = new long[partitions];
        for (Row r : counts) {
            sizes[r.getInt(0)] = r.getLong(1);
        }
        long[] before = new long[partitions];
        for (int p = 1; p < partitions; p++) {
            before[p] = before[p - 1] + sizes[p - 1];
        }
        // the id is made once, in a column of its own, and read twice (its partition, its position)
        Column id = col("_increasing_id");
        Column rid = element_at(lit(before), shiftrightunsigned(id, 33).cast("int").plus(1))
                .plus(id.bitwiseAND((1L << 33) - 1));
        return frame.withColumn("_increasing_id", monotonically_increasing_id())
                .withColumn("rid", rid.cast(DataTypes.LongType)).drop("_increasing_id");
    }
}
