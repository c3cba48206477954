package org.darkfigure.link.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.darkfigure.cli.Command;
import org.darkfigure.cli.CommandLine;
import org.darkfigure.spark.SparkSessions;
import org.darkfigure.spark.Storage;

/**
 * {@code ./darkfigure link-eval FILE... --truth-column COL [--json]}: runs the pipeline's linkage on
 * pseudonymised record files carrying a ground-truth person id (never used for linking) and prints
 * pairwise and cluster precision, recall and F1.
 */
public final class LinkEvalCommand implements Command {

    @Override
    public String name() {
        return "link-eval";
    }

    @Override
    public String summary() {
        return "evaluate the linkage on pseudonymised files with a ground-truth person id (precision, recall, F1)";
    }

    @Override
    public String help() {
        return """
                usage: ./darkfigure link-eval FILE... --truth-column COL [--threshold P] [--json]

                FILEs are pseudonymised record files in the upload format (CSV with a header; e.g. the output of
                ./darkfigure pseudonymise). The linkage runs exactly as in the pipeline: the truth column is never
                used; fields a file lacks are missing; a `source` (or `source_id`) column says which list a record
                is on; reporting_country and the year of detection_date, where present, form the strata.

                  --truth-column COL   the column holding the true person id
                  --threshold P        accept pairs with match probability >= P (default: 0.5)
                  --errors N           also print the N commonest comparison patterns of wrong links and of
                                       missed links (true pairs scored below the threshold), to see why
                  --errors-file F      with --errors, write every wrong and missed pair to F (CSV: the two
                                       records' row numbers in the input, counted from 0, kind, probability,
                                       weight), to read them beside the records
                  --json               {"pairs": {precision, recall, f1}, "clusters": {...}, "records",
                                        "candidate_pairs", "seconds", "lambda", "calibration": [{from, to,
                                        pairs, mean_probability, share_true}]}

                The text output has a calibration table: the scored pairs by match probability, their mean
                probability beside the share that the truth says are one person (honest probabilities agree).
                """;
    }

    @Override
    public Set<String> options() {
        return Set.of("truth-column", "threshold", "errors", "errors-file");
    }

    @Override
    public Set<String> flags() {
        return Set.of("json");
    }

    @Override
    public int run(CommandLine args) throws Exception {
        if (args.positional().isEmpty()) {
            throw new CommandLine.UsageException("give at least one file");
        }
        String truth = args.option("truth-column")
                .orElseThrow(() -> new CommandLine.UsageException("--truth-column COL is required"));
        for (String f : args.positional()) { // before Spark starts: a missing file is one line, not Spark's trace
            if (!f.contains("://") && !java.nio.file.Files.isRegularFile(java.nio.file.Path.of(f))) {
                throw new CommandLine.UsageException("no such file: " + f);
            }
        }
        long started = System.nanoTime();
        SparkSession spark = SparkSessions.start(System.getProperty("spark.master", "local[*]"), "darkfigure-link-eval", 8);
        try {
            Dataset<Row> files = null;
            for (String f : args.positional()) {
                Dataset<Row> d = spark.read().option("header", "true").option("ignoreLeadingWhiteSpace", "true")
                        .option("ignoreTrailingWhiteSpace", "true").csv(Storage.qualify(f));
                files = files == null ? d : files.unionByName(d, true);
            }
            if (!List.of(files.columns()).contains(truth)) {
                throw new CommandLine.UsageException("the files have no column '" + truth + "'");
            }
            String source = List.of(files.columns()).contains("source") ? "source" : "source_id";
            // the pipeline's strata: reporting country x year of the detection date (as HarmoniseStage derives it)
            List<String> columns = List.of(files.columns());
            files = files.withColumn("_year", columns.contains("detection_date")
                    ? org.apache.spark.sql.functions.year(org.apache.spark.sql.functions.to_date(files.col("detection_date")))
                    : org.apache.spark.sql.functions.lit(null).cast("int"));
            if (!columns.contains("reporting_country")) {
                files = files.withColumn("reporting_country", org.apache.spark.sql.functions.lit(null).cast("string"));
            }
            Row sizes = files.agg(org.apache.spark.sql.functions.count(org.apache.spark.sql.functions.lit(1)),
                    org.apache.spark.sql.functions.count(files.col(truth)),
                    org.apache.spark.sql.functions.countDistinct(files.col(truth))).first();
            if (sizes.getLong(0) == 0) {
                throw new CommandLine.UsageException("the files hold no records: there is nothing to evaluate");
            }
            if (sizes.getLong(1) == 0) {
                throw new CommandLine.UsageException("the truth column '" + truth + "' is empty in every record: "
                        + "there is nothing to evaluate against");
            }
            if (sizes.getLong(2) == sizes.getLong(1)) {
                throw new CommandLine.UsageException("no two records share a value of '" + truth + "': with no true "
                        + "links, recall cannot be measured (is it the person's id?)");
            }
            Dataset<Row> withTruth = files.withColumn("_truth", files.col(truth));
            Dataset<Row> input = LinkInput.prepare(spark, withTruth.drop(truth), List.of("reporting_country", "_year"),
                    source, "linkage_key", "detection_date");
            // keep the truth beside the row id, in the same order as the prepared rows
            List<Row> truthRows = LinkInput.withRowIds(spark, withTruth.select("_truth")).collectAsList();
            ProbabilisticLink.Settings settings = ProbabilisticLink.Settings.withDefaults();
            if (args.option("threshold").isPresent()) {
                settings = settings.withThreshold(args.doubleOption("threshold", 0.5));
            }
            ProbabilisticLink.Result result = ProbabilisticLink.run(input, settings);
            String[] truthOf = new String[result.cluster().length];
            for (Row r : truthRows) {
                truthOf[(int) r.getLong(1)] = r.isNullAt(0) ? "row-" + r.getLong(1) : r.get(0).toString();
            }
            Metrics m = Metrics.of(result.cluster(), truthOf);
            double seconds = (System.nanoTime() - started) / 1e9;
            if (args.flag("json")) {
                ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                ObjectNode root = json.createObjectNode();
                ObjectNode pairs = root.putObject("pairs");
                pairs.put("precision", m.pairPrecision());
                pairs.put("recall", m.pairRecall());
                pairs.put("f1", m.pairF1());
                ObjectNode clusters = root.putObject("clusters");
                clusters.put("precision", m.clusterPrecision());
                clusters.put("recall", m.clusterRecall());
                clusters.put("f1", m.clusterF1());
                root.put("records", result.cluster().length);
                root.put("candidate_pairs", result.candidatePairs());
                root.put("seconds", Math.round(seconds * 100) / 100.0);
                root.put("lambda", result.model().lambda());
                var bins = root.putArray("calibration");
                for (CalibrationBin bin : calibration(result, truthOf)) {
                    ObjectNode b = bins.addObject();
                    b.put("from", bin.from());
                    b.put("to", bin.to());
                    b.put("pairs", bin.pairs());
                    b.put("mean_probability", bin.meanProbability());
                    b.put("share_true", bin.shareTrue());
                }
                System.out.println(json.writeValueAsString(root));
            } else {
                System.out.printf(Locale.ROOT, "%d records, %d candidate pairs %s, match proportion %.5f, matching pairs "
                        + "per record (from training) %.3f%n", result.cluster().length, result.candidatePairs(),
                        result.pairsByRule(), result.model().lambda(), result.matchesPerRecord());
                System.out.printf(Locale.ROOT, "pairs:    precision %.4f  recall %.4f  F1 %.4f%n", m.pairPrecision(),
                        m.pairRecall(), m.pairF1());
                System.out.printf(Locale.ROOT, "clusters: precision %.4f  recall %.4f  F1 %.4f%n", m.clusterPrecision(),
                        m.clusterRecall(), m.clusterF1());
                System.out.printf(Locale.ROOT, "%.1f s%nfitted model (m = P(level | match), u = P(level | non-match)):%n", seconds);
                for (int k = 0; k < org.darkfigure.link.Comparison.FIELDS.size(); k++) {
                    var field = org.darkfigure.link.Comparison.FIELDS.get(k);
                    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-15s", field.name()));
                    for (int l = 1; l < field.size(); l++) {
                        line.append(String.format(Locale.ROOT, " | %s m=%.3f u=%.4f", field.levels().get(l),
                                result.model().m()[k][l], result.model().u()[k][l]));
                    }
                    System.out.println(line);
                }
                System.out.println("calibration of the scored pairs (is a pair given probability p one person p of the time?):");
                System.out.println("  probability      pairs  mean probability  share truly one person");
                for (CalibrationBin bin : calibration(result, truthOf)) {
                    System.out.printf(Locale.ROOT, "  %.2f-%.2f  %10d  %16.3f  %22.3f%n", bin.from(), bin.to(), bin.pairs(),
                            bin.meanProbability(), bin.shareTrue());
                }
                int errors = args.intOption("errors", 0);
                if (errors > 0) {
                    printErrors(result, truthOf, errors, args.option("errors-file").orElse(null));
                }
            }
            return 0;
        } finally {
            spark.stop();
        }
    }

    /** Scored pairs whose match probability is in [from, to) (the last bin includes 1): how many, their mean probability,
     * the share truly one person. */
    public record CalibrationBin(double from, double to, long pairs, double meanProbability, double shareTrue) {
    }

    /** Bin edges of the calibration table: finer near 0 and 1, where most pairs are. */
    private static final double[] CALIBRATION_EDGES = {0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 1.0};

    /**
     * How honest the pairs' probabilities are: for each bin of scored pairs (probability at least 1%), the mean
     * probability beside the share that the truth says are one person. Bins with no pairs are left out.
     */
    public static List<CalibrationBin> calibration(ProbabilisticLink.Result result, String[] truth) {
        int bins = CALIBRATION_EDGES.length - 1;
        long[] count = new long[bins];
        double[] probability = new double[bins];
        long[] same = new long[bins];
        for (int i = 0; i < result.scoredPairs().size(); i++) {
            double p = result.probability(i);
            int bin = bins - 1;
            while (bin > 0 && p < CALIBRATION_EDGES[bin]) {
                bin--;
            }
            long[] pair = result.scoredPairs().get(i);
            count[bin]++;
            probability[bin] += p;
            same[bin] += truth[(int) pair[0]].equals(truth[(int) pair[1]]) ? 1 : 0;
        }
        List<CalibrationBin> out = new java.util.ArrayList<>();
        for (int b = 0; b < bins; b++) {
            if (count[b] > 0) {
                out.add(new CalibrationBin(CALIBRATION_EDGES[b], CALIBRATION_EDGES[b + 1], count[b],
                        probability[b] / count[b], (double) same[b] / count[b]));
            }
        }
        return out;
    }

    /** The commonest patterns of direct wrong links and of true pairs scored below the threshold. */
    private static void printErrors(ProbabilisticLink.Result result, String[] truth, int top, String file) {
        Map<Integer, Long> wrong = new HashMap<>();
        Map<Integer, Long> missed = new HashMap<>();
        long truePairsScored = 0;
        for (int i = 0; i < result.scoredPairs().size(); i++) {
            long[] pair = result.scoredPairs().get(i);
            boolean same = truth[(int) pair[0]].equals(truth[(int) pair[1]]);
            boolean linked = result.probability(i) >= result.threshold();
            truePairsScored += same ? 1 : 0;
            if (linked && !same) {
                wrong.merge(result.scoredPatterns()[i], 1L, Long::sum);
            } else if (!linked && same) {
                missed.merge(result.scoredPatterns()[i], 1L, Long::sum);
            }
        }
        System.out.printf(Locale.ROOT, "direct wrong links: %d; true pairs scored below the threshold: %d (of %d true pairs "
                + "with a probability of at least 1%%)%n", wrong.values().stream().mapToLong(Long::longValue).sum(),
                missed.values().stream().mapToLong(Long::longValue).sum(), truePairsScored);
        if (file != null) {
            try (java.io.PrintWriter out = new java.io.PrintWriter(file, "UTF-8")) {
                out.println("row_a,row_b,kind,probability,weight");
                for (int i = 0; i < result.scoredPairs().size(); i++) {
                    long[] pair = result.scoredPairs().get(i);
                    boolean same = truth[(int) pair[0]].equals(truth[(int) pair[1]]);
                    boolean linked = result.probability(i) >= result.threshold();
                    if (same != linked) {
                        out.printf(Locale.ROOT, "%d,%d,%s,%.4f,%.2f%n", pair[0], pair[1], linked ? "wrong" : "missed",
                                result.probability(i), result.scoredWeights()[i]);
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        print("wrong links", wrong, result, top);
        print("missed links", missed, result, top);
    }

    private static void print(String title, Map<Integer, Long> patterns, ProbabilisticLink.Result result, int top) {
        System.out.println(title + ", commonest patterns:");
        patterns.entrySet().stream().sorted(Map.Entry.<Integer, Long>comparingByValue().reversed()).limit(top)
                .forEach(e -> System.out.printf(Locale.ROOT, "  %6d x  weight %+.1f  %s%n", e.getValue(),
                        result.model().weight(e.getKey()), String.join("; ", result.model().explain(e.getKey()))));
    }

    /** Pairwise and exact-cluster precision and recall of predicted clusters against true ids. */
    public record Metrics(double pairPrecision, double pairRecall, double clusterPrecision, double clusterRecall) {

        public double pairF1() {
            return f1(pairPrecision, pairRecall);
        }

        public double clusterF1() {
            return f1(clusterPrecision, clusterRecall);
        }

        private static double f1(double p, double r) {
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        public static Metrics of(int[] cluster, String[] truth) {
            Map<Integer, Long> predicted = new HashMap<>();
            Map<String, Long> actual = new HashMap<>();
            Map<String, Long> both = new HashMap<>();
            Map<Integer, java.util.Set<String>> truthsOfCluster = new HashMap<>();
            Map<String, java.util.Set<Integer>> clustersOfTruth = new HashMap<>();
            for (int i = 0; i < cluster.length; i++) {
                predicted.merge(cluster[i], 1L, Long::sum);
                actual.merge(truth[i], 1L, Long::sum);
                both.merge(cluster[i] + "\u0000" + truth[i], 1L, Long::sum);
                truthsOfCluster.computeIfAbsent(cluster[i], k -> new java.util.HashSet<>()).add(truth[i]);
                clustersOfTruth.computeIfAbsent(truth[i], k -> new java.util.HashSet<>()).add(cluster[i]);
            }
            double predictedPairs = predicted.values().stream().mapToDouble(Metrics::pairs).sum();
            double truePairs = actual.values().stream().mapToDouble(Metrics::pairs).sum();
            double correct = both.values().stream().mapToDouble(Metrics::pairs).sum();
            long exact = truthsOfCluster.entrySet().stream().filter(e -> e.getValue().size() == 1
                    && clustersOfTruth.get(e.getValue().iterator().next()).size() == 1).count();
            return new Metrics(predictedPairs == 0 ? 1 : correct / predictedPairs, truePairs == 0 ? 1 : correct / truePairs,
                    (double) exact / predicted.size(), (double) exact / actual.size());
        }

        private static double pairs(long n) {
            return n * (n - 1) / 2.0;
        }
    }
}
