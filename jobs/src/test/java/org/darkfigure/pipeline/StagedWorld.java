package org.darkfigure.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.darkfigure.manifest.RunInput;
import org.darkfigure.manifest.RunManifest;
import org.darkfigure.manifest.StorageLayout;
import org.darkfigure.simulate.Scenario;
import org.darkfigure.simulate.SimulationWriter;
import org.darkfigure.spark.SparkSchema;
import org.darkfigure.standard.RecordType;
import org.darkfigure.standard.Standard;

/**
 * A simulated world laid out as the intake leaves it under {@code root/data}: each submission's raw file
 * (with its SHA-256) and staged Parquet rows; returns the run manifest a pipeline run would get.
 */
final class StagedWorld {

    private StagedWorld() {
    }

    static RunManifest stage(SparkSession spark, Scenario scenario, Path root, String runId) throws Exception {
        return stage(spark, scenario, root, runId, SimulationWriter.Records.MIGRANTS);
    }

    /** As above, with the record types {@code which} (the simulator's files in {@code root/input}). */
    static RunManifest stage(SparkSession spark, Scenario scenario, Path root, String runId,
                             SimulationWriter.Records which) throws Exception {
        Path input = root.resolve("input");
        SimulationWriter.write(scenario, input, false, which);
        StorageLayout layout = new StorageLayout(root.resolve("data").toString());
        List<RunInput> inputs = new ArrayList<>();
        List<String> index = Files.readAllLines(input.resolve(SimulationWriter.INDEX));
        for (int i = 1; i < index.size(); i++) {
            String[] f = index.get(i).split(",");
            String id = "sub-" + i;
            String staged = layout.stagedSubmission(id);
            RecordType type = Standard.builtIn().require(f[3], Integer.parseInt(f[5]));
            Dataset<Row> csv = spark.read().option("header", "true").csv(input.resolve(f[0]).toString());
            List<Column> columns = new ArrayList<>();
            for (StructField field : SparkSchema.of(type).fields()) {
                // as the intake stages: only the fields the file has a column for (readers apply the full schema)
                if (List.of(csv.columns()).contains(field.name())) {
                    columns.add(col(field.name()).cast(field.dataType()).as(field.name()));
                }
            }
            columns.add(lit(id).as(SparkSchema.SUBMISSION_ID));
            csv.select(columns.toArray(Column[]::new)).write().parquet(staged);
            Path raw = Files.createDirectories(Path.of(layout.raw(), id)).resolve("original.csv");
            Files.copy(input.resolve(f[0]), raw);
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(raw)));
            inputs.add(new RunInput(id, f[1], f[2], f[3], Integer.parseInt(f[5]), f[4], 1, sha, staged, 0, 0));
        }
        return new RunManifest(runId, "2026-11-28T12:00:00Z", layout.root(), 7, Map.of("level", "0.95",
                "estimator", org.darkfigure.manifest.RunParameters.DEFAULT_ESTIMATOR), inputs, Map.of());
    }
}
