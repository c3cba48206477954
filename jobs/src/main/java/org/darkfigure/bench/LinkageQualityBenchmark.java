package org.darkfigure.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.darkfigure.link.spark.ClearEvaluation;
import org.darkfigure.link.spark.ClearEvaluation.Clear;
import org.darkfigure.link.spark.LinkEvalCommand;
import org.darkfigure.link.spark.ProbabilisticLink;
import org.darkfigure.simulate.Registers;
import org.darkfigure.spark.SparkSessions;

/**
 * Linkage quality on every set issue 16 names (bench/linkage-quality): FEBRL 3 and 4, Splink's fake_1000 and
 * historical_figures_50k (../shared/refdata/linkage), and noisy multi-agency registers of 5,000 and 20,000 people in
 * one stratum ({@link Registers}). Each set is pseudonymised in memory as a member state would (one secret), then
 * linked from the pseudonymised fields only, as the pipeline links; the truth is never shown to the linkage. Prints
 * precision, recall and F1 of pairs and the seconds of the linkage, beside the goals, and the best F1 that a
 * classifier of the same comparisons could reach knowing the truth ({@link org.darkfigure.link.LinkageCeiling}).
 */
public final class LinkageQualityBenchmark {

    private LinkageQualityBenchmark() {
    }

    private record Set(String name, double goal, List<Clear> records) {
    }

    public static void main(String[] args) throws IOException {
        Path refdata = Path.of(args.length > 0 ? args[0] : "../shared/refdata/linkage");
        SparkSession spark = SparkSessions.start("local[*]", "linkage-quality", 8);
        List<String> lines = new ArrayList<>();
        try {
            for (Set set : sets(spark, refdata)) {
                dump(set);
                lines.add(run(spark, set));
                System.err.println(lines.get(lines.size() - 1));
            }
        } finally {
            spark.stop();
        }
        System.out.printf(Locale.ROOT, "%n%-34s %8s %10s %9s %8s %8s %8s %6s %11s %11s %11s%n", "set", "records",
                "cand.pairs", "precision", "recall", "F1", "goal", "s", "best cand.", "best all", "best clear");
        lines.forEach(System.out::println);
        System.out.println("(pseudonymised fields only: names, date of birth, document where the set has one, sex and "
                + "citizenship where it has them; link = blocking + Splink-style training + clustering; 2 cores)");
        System.out.println("(best: the pairwise F1 of the best classifier of the same comparison patterns that knows the "
                + "truth, over the candidate pairs and over all pairs; an optimistic ceiling that people formed by "
                + "clustering can still pass; best clear: the same, from the set's fields in clear, described more finely than "
                + "linkage compares them: a goal above it needs other fields)");
    }

    private static List<Set> sets(SparkSession spark, Path refdata) throws IOException {
        List<Set> sets = new ArrayList<>();
        Path febrl = refdata.resolve("febrl");
        if (Files.isDirectory(febrl)) {
            sets.add(new Set("FEBRL3", 0.99, febrl(febrl.resolve("dataset3.csv"), "A")));
            List<Clear> four = new ArrayList<>(febrl(febrl.resolve("dataset4a.csv"), "A"));
            four.addAll(febrl(febrl.resolve("dataset4b.csv"), "B"));
            sets.add(new Set("FEBRL4", 0.995, four));
        }
        Path fake = refdata.resolve("splink_datasets/fake_1000.csv");
        if (Files.isRegularFile(fake)) {
            List<Clear> records = new ArrayList<>();
            List<String> lines = Files.readAllLines(fake, StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",", -1); // unique_id,first_name,surname,dob,city,email,cluster: no quoting
                records.add(new Clear("A", f[1], f[2], f[3], null, null, null, null, f[6]));
            }
            sets.add(new Set("fake_1000", 0.75, records));
        }
        Path historical = refdata.resolve("splink_datasets/historical_figures_with_errors_50k.parquet");
        if (Files.isRegularFile(historical)) {
            List<Clear> records = new ArrayList<>();
            for (Row r : spark.read().parquet(historical.toString())
                    .select("first_name", "surname", "dob", "gender", "cluster").collectAsList()) {
                String gender = r.isNullAt(3) ? null : r.getString(3);
                records.add(new Clear("A", r.getString(0), r.getString(1), r.isNullAt(2) ? null : r.get(2).toString(),
                        null, gender == null ? null : gender.startsWith("m") ? "M" : gender.startsWith("f") ? "F" : null,
                        null, null, r.get(4).toString()));
            }
            sets.add(new Set("historical_figures_50k", 0.80, records));
        }
        for (int people : new int[] {5_000, 20_000}) {
            List<Clear> records = ClearEvaluation.registers(
                    Registers.draw(new Registers.Settings(people, 5, 42, "IDN", 2024)));
            sets.add(new Set(String.format(Locale.ROOT, "registers, %,d people, 5 agencies", people), 0.97, records));
        }
        return sets;
    }

    /**
     * With DARKFIGURE_BENCH_DUMP_DIR set (see bench/linkage-quality), each set is also written in clear in the upload
     * form, to pseudonymise and link-eval --errors it.
     */
    private static void dump(Set set) throws IOException {
        String dir = System.getenv("DARKFIGURE_BENCH_DUMP_DIR");
        if (dir == null) {
            return;
        }
        Path file = Path.of(dir, set.name().replaceAll("[^A-Za-z0-9_]+", "_") + ".csv");
        Files.createDirectories(file.getParent());
        try (java.io.Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            org.darkfigure.csv.CsvWriter.writeDataRow(out, List.of("source_id", "given_name", "family_name",
                    "date_of_birth", "document_number", "sex", "citizenship", "detection_date", "truth"));
            for (Clear c : set.records()) {
                org.darkfigure.csv.CsvWriter.writeDataRow(out, java.util.Arrays.asList(c.source(), c.given(),
                        c.family(), c.dob(), c.document(), c.sex(), c.citizenship(), c.detected(), c.truth()));
            }
        }
    }

    private static List<Clear> febrl(Path file, String source) throws IOException {
        return ClearEvaluation.febrl(Files.readAllLines(file, StandardCharsets.UTF_8), source);
    }

    private static String run(SparkSession spark, Set set) {
        try {
            ClearEvaluation.Outcome o = ClearEvaluation.run(spark, set.records());
            LinkEvalCommand.Metrics m = o.metrics();
            ClearEvaluation.Ceilings best = ClearEvaluation.ceilings(spark, set.records(),
                    ProbabilisticLink.Settings.withDefaults());
            return String.format(Locale.ROOT, "%-34s %,8d %,10d %9.4f %8.4f %8.4f %8s %6.1f %11.4f %11.4f %11.4f",
                    set.name(), set.records().size(), o.result().candidatePairs(), m.pairPrecision(), m.pairRecall(),
                    m.pairF1(), ">= " + set.goal(), o.seconds(), best.overCandidates().f1(), best.overAllPairs().f1(),
                    best.inClear().f1());
        } catch (ProbabilisticLink.ImplausibleModelException e) {
            return String.format(Locale.ROOT, "%-34s %,8d refused: %s", set.name(), set.records().size(), e.getMessage());
        }
    }

}
