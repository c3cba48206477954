package org.darkfigure.link.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
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

    /** Appends rid = 0..n-1 in the frame's order (the records keep it in every later join). */
    public static Dataset<Row> withRowIds(SparkSession spark, Dataset<Row> frame) {
        var schema = frame.schema().add("rid", DataTypes.LongType, false);
        var rdd = frame.javaRDD().zipWithIndex().map(t -> {
            Object[] values = new Object[t._1().size() + 1];
            for (int i = 0; i < t._1().size(); i++) {
                values[i] = t._1().get(i);
            }
            values[values.length - 1] = t._2();
            return org.apache.spark.sql.RowFactory.create(values);
        });
        return spark.createDataFrame(rdd, schema);
    }
}
