package org.darkfigure.link.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.substring;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.darkfigure.harmonise.spark.HarmoniseStage;
import org.darkfigure.pipeline.SparkSchema;

/**
 * Deterministic linkage on the member states' linkage keys: within a stratum (country x year),
 * records with the same key are one person, whether one source recorded them twice (within-source
 * duplicates) or several sources did (the overlaps capture-recapture needs). A record without a
 * key stays a person of its own.
 */
public final class LinkStage {

    public static final String PERSON_ID = "person_id";
    public static final String SOURCES = "sources";
    public static final String RECORDS = "records";

    private LinkStage() {
    }

    /** Migrants: linked on linkage_key; one row per person. */
    public static Dataset<Row> persons(Dataset<Row> harmonised) {
        return persons(harmonised, "linkage_key", "record_id");
    }

    /**
     * One row per person: reporting_country, year, person_id, sources (sorted), records. People are
     * records with the same {@code keyColumn} value within a country and year; a record without a key
     * is a person of its own.
     */
    public static Dataset<Row> persons(Dataset<Row> harmonised, String keyColumn, String recordIdColumn) {
        var personKey = coalesce(col(keyColumn),
                concat_ws(":", lit("record"), col(SparkSchema.SUBMISSION_ID), col(recordIdColumn)));
        return harmonised
                .withColumn("_person_key", personKey)
                .groupBy(col("reporting_country"), col(HarmoniseStage.YEAR), col("_person_key"))
                .agg(sort_array(collect_set(col("source_id"))).as(SOURCES), count(lit(1)).as(RECORDS))
                // A pseudonymous id: stable for a key within a stratum, not the key itself.
                .withColumn(PERSON_ID, substring(sha2(concat_ws("|", col("reporting_country"),
                        col(HarmoniseStage.YEAR).cast("string"), col("_person_key")), 256), 1, 24))
                .select(col("reporting_country"), col(HarmoniseStage.YEAR), col(PERSON_ID), col(SOURCES), col(RECORDS));
    }

    /** Records, records with a key, and distinct (country, year, source, person) for the stage report. */
    public static Row counts(Dataset<Row> harmonised, String keyColumn, String recordIdColumn) {
        return harmonised.agg(
                count(lit(1)).as("records"),
                count(col(keyColumn)).as("records_with_key"),
                countDistinct(col("reporting_country"), col(HarmoniseStage.YEAR), col("source_id"),
                        coalesce(col(keyColumn), col(recordIdColumn))).as("distinct_in_source"))
                .first();
    }
}
