package org.darkfigure.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.darkfigure.manifest.ReleaseManifest;
import org.darkfigure.manifest.RunInput;
import org.darkfigure.manifest.RunManifest;
import org.darkfigure.manifest.StorageLayout;
import org.darkfigure.pipeline.PipelineJob;
import org.darkfigure.pipeline.Progress;
import org.darkfigure.spark.SparkSchema;
import org.darkfigure.spark.SparkSessions;
import org.darkfigure.spark.Storage;
import org.darkfigure.simulate.Scenario;
import org.darkfigure.simulate.SimulationWriter;
import org.darkfigure.standard.RecordType;
import org.darkfigure.standard.Standard;

/**
 * One size of the pipeline benchmark (bench/pipeline runs each size in its own JVM): simulated migrant
 * records of 10 countries x 10 years x 5 sources, staged as the intake stages them, then harmonise -> link
 * -> estimate -> publish on local[*]. Prints one result line per stage: seconds and peak heap.
 */
public final class PipelineBenchmark {

    private PipelineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long target = Long.parseLong(args[0]);
        Path work = Path.of(args[1]).toAbsolutePath();
        SparkSession spark = SparkSessions.start("local[*]", "pipeline-benchmark", 16);
        try {
            RunManifest run = stage(spark, target, work);
            HeapSampler heap = new HeapSampler();
            StageClock clock = new StageClock(heap);
            heap.start();
            long t = System.nanoTime();
            ReleaseManifest release = PipelineJob.run(spark, new Storage(spark.sparkContext().hadoopConfiguration()), run,
                    new Progress(new PrintStream(clock, true, StandardCharsets.UTF_8)));
            double total = (System.nanoTime() - t) / 1e9;
            clock.finish();
            heap.interrupt();
            long records = release.stages().get(0).counts().getOrDefault("migrant_records", 0L);
            for (Map.Entry<String, double[]> e : clock.stages.entrySet()) {
                System.out.printf(Locale.ROOT, "RESULT %d %s %.1f %d%n", records, e.getKey(), e.getValue()[0],
                        (long) e.getValue()[1]);
            }
            // and the process's peak resident memory (one size per JVM: bench/pipeline starts each in its own)
            System.out.printf(Locale.ROOT, "RESULT %d total %.1f %d %d%n", records, total, heap.overallPeakMb(),
                    HeapSampler.peakResidentMb());
            System.out.printf(Locale.ROOT, "RELEASE %s %s%n", release.releaseId(), run.storageRoot());
            System.out.printf(Locale.ROOT, "RESULT %d persons %d %d%n", records,
                    release.stages().get(1).counts().getOrDefault("migrant_persons", 0L),
                    release.stages().get(1).counts().getOrDefault("migrant_candidate_pairs", 0L));
        } finally {
            spark.stop();
        }
    }

    /** Simulates about {@code target} records and stages them, one Parquet folder per submission. */
    static RunManifest stage(SparkSession spark, long target, Path work) throws IOException {
        List<String> countries = List.of("IDN", "MYS", "THA", "AUS", "PHL", "VNM", "KHM", "LKA", "BGD", "PAK");
        int mean = (int) Math.max(50, target / 100 / 1.03); // about 1.03 records per simulated person (as bench/linkage)
        Scenario scenario = Scenario.withDefaults().withCountries(countries).withYears(2015, 10).withMeanPopulation(mean)
                .withSources(List.of("POLICE", "IMMIGRATION", "COASTGUARD", "NGO", "HEALTH"), List.of(0.2, 0.3, 0.12, 0.15, 0.1));
        return stage(spark, scenario, work, "20261129T000000Z-be" + String.format("%02x", target % 256));
    }

    /** Simulates a scenario and stages its records as the intake would, for a run with the given id. */
    static RunManifest stage(SparkSession spark, Scenario scenario, Path work, String runId) throws IOException {
        Path input = work.resolve("input");
        long t = System.nanoTime();
        SimulationWriter.Summary summary = SimulationWriter.write(scenario, input);
        StorageLayout layout = new StorageLayout(work.resolve("data").toString());
        RecordType migrant = Standard.builtIn().require("migrant", 1);
        Dataset<Row> csv = spark.read().option("header", "true").csv(input.resolve("submissions").toString())
                .withColumn("file", regexp_extract(input_file_name(), "([^/]+)\\.csv$", 1));
        List<Column> columns = new ArrayList<>();
        for (StructField field : SparkSchema.of(migrant).fields()) {
            Column c = List.of(csv.columns()).contains(field.name()) ? col(field.name()) : lit(null);
            columns.add(c.cast(field.dataType()).as(field.name()));
        }
        columns.add(col("file").as(SparkSchema.SUBMISSION_ID));
        columns.add(col("file").as("part"));
        csv.select(columns.toArray(Column[]::new)).write().mode(SaveMode.Overwrite).partitionBy("part")
                .parquet(Storage.qualify(layout.staging()));
        List<RunInput> inputs = new ArrayList<>();
        List<String> index = Files.readAllLines(input.resolve(SimulationWriter.INDEX));
        for (String line : index.subList(1, index.size())) {
            String[] f = line.split(",");
            String id = Path.of(f[0]).getFileName().toString().replace(".csv", "");
            if (!Files.exists(Path.of(layout.staging(), "part=" + id))) {
                continue; // a source that saw nobody in a small stratum: a header-only file stages no rows
            }
            // the raw file where the intake keeps it, so that the release can be reproduced (bench/cluster)
            Path raw = Files.createDirectories(Path.of(layout.raw(), id)).resolve("original.csv");
            Files.copy(input.resolve(f[0]), raw, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            inputs.add(new RunInput(id, f[1], f[2], f[3], Integer.parseInt(f[5]), f[4], 1, sha256(raw),
                    layout.staging() + "/part=" + id, 0, 0));
        }
        System.err.printf(Locale.ROOT, "staged %,d records in %d submissions (%.0f s)%n", summary.records(),
                inputs.size(), (System.nanoTime() - t) / 1e9);
        return new RunManifest(runId, "2026-11-29T00:00:00Z", layout.root(), 7, Map.of("level", "0.95",
                "estimator", org.darkfigure.manifest.RunParameters.DEFAULT_ESTIMATOR), inputs, Map.of());
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads the run's PROGRESS lines: wall time and peak heap between one stage's start and the next. */
    static final class StageClock extends OutputStream {
        final Map<String, double[]> stages = new LinkedHashMap<>();
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private final HeapSampler heap;
        private String current;
        private long started;

        StageClock(HeapSampler heap) {
            this.heap = heap;
        }

        @Override
        public void write(int b) {
            if (b != '\n') {
                line.write(b);
                return;
            }
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"stage\":\"(\\w+)\",\"state\":\"started\"").matcher(text);
            if (m.find()) {
                finish();
                current = m.group(1);
                started = System.nanoTime();
                heap.resetStagePeak();
            }
        }

        void finish() {
            if (current != null) {
                stages.put(current, new double[] {(System.nanoTime() - started) / 1e9, heap.resetStagePeak()});
                current = null;
            }
        }
    }
}
