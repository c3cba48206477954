package org.darkfigure.harmonise.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.year;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.darkfigure.manifest.RunInput;
import org.darkfigure.pipeline.SparkSchema;
import org.darkfigure.pipeline.Storage;
import org.darkfigure.standard.RecordType;

/**
 * Reads the staged migrant rows of a run's inputs and puts them in the standard form the later
 * stages use: codes upper case, and the stratum variable {@code year} derived from the detection
 * date. (National code mappings arrive with national profiles.)
 */
public final class HarmoniseStage {

    public static final String YEAR = "year";

    private HarmoniseStage() {
    }

    public static Dataset<Row> run(SparkSession spark, RecordType migrant, List<RunInput> inputs) {
        String[] paths = inputs.stream()
                .filter(i -> i.recordType().equals(migrant.name()) && i.schemaVersion() == migrant.version())
                .map(i -> Storage.qualify(i.stagedPath()))
                .toArray(String[]::new);
        if (paths.length == 0) {
            return spark.createDataFrame(List.of(), SparkSchema.staged(migrant).add(YEAR, "int"));
        }
        Dataset<Row> staged = spark.read().schema(SparkSchema.staged(migrant)).parquet(paths);
        return staged
                .withColumn("source_id", upper(col("source_id")))
                .withColumn("reporting_country", upper(col("reporting_country")))
                .withColumn(YEAR, year(col("detection_date")));
    }
}
