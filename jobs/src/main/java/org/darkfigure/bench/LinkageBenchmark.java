package org.darkfigure.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.darkfigure.link.spark.LinkEvalCommand;
import org.darkfigure.link.spark.LinkInput;
import org.darkfigure.link.spark.ProbabilisticLink;
import org.darkfigure.spark.SparkSessions;
import org.darkfigure.simulate.Scenario;
import org.darkfigure.simulate.SimulatedRecord;
import org.darkfigure.simulate.Simulator;
import org.darkfigure.simulate.Stratum;

/**
 * The linkage benchmark (bench/linkage): simulated noisy records of 10 countries x 10 years x 5
 * sources, pseudonymised as member states would, linked as the pipeline links them; prints records,
 * candidate pairs, seconds per step, peak heap and F1 against the simulator's truth.
 */
public final class LinkageBenchmark {

    private LinkageBenchmark() {
    }

    public static void main(String[] args) {
        List<String> lines = new ArrayList<>();
        boolean oneStratum = false;
        ProbabilisticLink.Settings settings = ProbabilisticLink.Settings.withDefaults();
        List<Long> sizes = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--one-stratum")) {
                oneStratum = true;
            } else if (args[i].equals("--split-above") && i + 1 < args.length) {
                settings = settings.withSplitAbove(Integer.parseInt(args[++i]));
            } else if (args[i].matches("[0-9]+")) {
                sizes.add(Long.parseLong(args[i]));
            } else {
                throw new IllegalArgumentException("usage: bench-linkage [--one-stratum] [--split-above RECORDS] RECORDS..."
                        + "; not understood: " + args[i]);
            }
        }
        SparkSession spark = SparkSessions.start("local[*]", "linkage-benchmark", 16);
        try {
            for (long target : sizes) {
                lines.add(run(spark, target, oneStratum, settings));
            }
        } finally {
            spark.stop();
        }
        System.out.printf("%n%10s %12s %10s %10s %10s %14s %12s %8s %8s%n", "records", "cand. pairs", "simulate s",
                "link s", "records/s", "peak live heap", "peak RSS", "pair F1", "clus. F1");
        lines.forEach(System.out::println);
        System.out.println("(10 countries x 10 years x 5 sources; identities with typos, swapped names, wrong dates, missing"
                + " documents; pseudonymised; link = blocking + comparisons + EM + clustering; 2 cores; "
                + (oneStratum ? "linked as ONE stratum" : "strata = country x year") + ", strata above "
                + String.format(Locale.ROOT, "%,d", settings.splitAbove()) + " records linked in parts)");
    }

    private static final StructType SCHEMA = new StructType()
            .add("reporting_country", DataTypes.StringType).add("year", DataTypes.IntegerType)
            .add("source_id", DataTypes.StringType).add("linkage_key", DataTypes.StringType)
            .add("lk_name_bf", DataTypes.StringType).add("lk_name_ph", DataTypes.StringType)
            .add("lk_dob_hash", DataTypes.StringType).add("lk_dob_var", DataTypes.StringType).add("lk_doc_hash", DataTypes.StringType)
            .add("lk_doc_bf", DataTypes.StringType).add("birth_year", DataTypes.IntegerType)
            .add("sex", DataTypes.StringType).add("citizenship", DataTypes.StringType)
            .add("detection_date", DataTypes.DateType).add("true_person", DataTypes.StringType);

    static String run(SparkSession spark, long target, boolean oneStratum, ProbabilisticLink.Settings settings) {
        List<String> countries = List.of("IDN", "MYS", "THA", "AUS", "PHL", "VNM", "KHM", "LKA", "BGD", "PAK");
        int mean = (int) Math.max(50, target / 100 / 1.03); // about 1.03 records per simulated person (most unseen)
        Scenario scenario = Scenario.withDefaults().withCountries(countries).withYears(2015, 10).withMeanPopulation(mean)
                .withSources(List.of("POLICE", "IMMIGRATION", "COASTGUARD", "NGO", "HEALTH"), List.of(0.2, 0.3, 0.12, 0.15, 0.1));
        long t = System.nanoTime();
        // simulated a stratum at a time and written to Parquet, so that the driver never holds all the records (issue
        // 20: the benchmark's own set-up was the largest thing in its heap)
        java.nio.file.Path folder;
        try {
            folder = java.nio.file.Files.createTempDirectory("linkage-bench");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String simulated = folder.resolve("records").toString();
        Simulator simulator = new Simulator(scenario);
        for (String country : scenario.countries()) {
            for (int y = 0; y < scenario.years(); y++) {
                Stratum s = simulator.stratum(country, scenario.firstYear() + y);
                List<Row> rows = new ArrayList<>();
                for (List<SimulatedRecord> source : s.recordsBySource()) {
                    for (SimulatedRecord r : source) {
                        rows.add(RowFactory.create(r.country(), s.year(), r.sourceId(), r.linkage().get("linkage_key"),
                                r.linkage().get("lk_name_bf"), r.linkage().get("lk_name_ph"),
                                r.linkage().get("lk_dob_hash"), r.linkage().get("lk_dob_var"),
                                r.linkage().get("lk_doc_hash"), r.linkage().get("lk_doc_bf"), r.birthYear(), r.sex(),
                                r.citizenship(), java.sql.Date.valueOf(r.detectionDate()), r.personId()));
                    }
                }
                spark.createDataFrame(rows, SCHEMA).coalesce(1).write().mode(org.apache.spark.sql.SaveMode.Append)
                        .parquet(simulated);
            }
        }
        double simulate = (System.nanoTime() - t) / 1e9;
        Dataset<Row> records = LinkInput.withRowIds(spark, spark.read().parquet(simulated))
                .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
        List<Row> people = records.select("true_person", "rid").collectAsList();
        String[] truth = new String[people.size()];
        for (Row r : people) {
            truth[(int) r.getLong(1)] = r.getString(0);
        }
        people = null;
        System.gc();
        HeapSampler heap = new HeapSampler();
        heap.start();
        t = System.nanoTime();
        // one stratum: the whole set as one country-year of that size (issue 20: a stratum too large for one task)
        Dataset<Row> input = LinkInput.prepare(spark, records, oneStratum ? List.of() : List.of("reporting_country", "year"),
                "source_id", "linkage_key", "detection_date");
        // linked as the pipeline links (the people stay in Spark); only each record's person comes back, for F1
        ProbabilisticLink.Linkage linkage = ProbabilisticLink.link(input, settings, new double[0]);
        int[] cluster = new int[truth.length];
        try {
            for (long[][] s : linkage.strata().map(s -> new long[][] {s.ids(), s.clusters()}).collect()) {
                for (int i = 0; i < s[0].length; i++) {
                    cluster[(int) s[0][i]] = (int) s[1][i];
                }
            }
        } finally {
            linkage.release();
        }
        double link = (System.nanoTime() - t) / 1e9;
        heap.interrupt();
        LinkEvalCommand.Metrics m = LinkEvalCommand.Metrics.of(cluster, truth);
        records.unpersist();
        try (var walk = java.nio.file.Files.walk(folder)) {
            for (java.nio.file.Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(p);
            }
        } catch (java.io.IOException e) {
            System.err.println("could not delete " + folder + ": " + e.getMessage());
        }
        // peak RSS is the process's so far (this size and any smaller one before it in this JVM): run one size per JVM
        // for a size's own figure, as bench/linkage does
        return String.format(Locale.ROOT, "%,10d %,12d %10.1f %10.1f %,10.0f %11d MB %9d MB %8.4f %8.4f", truth.length,
                linkage.candidatePairs(), simulate, link, truth.length / link, heap.overallPeakMb(),
                HeapSampler.peakResidentMb(), m.pairF1(), m.clusterF1());
    }
}
