package org.darkfigure.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.darkfigure.link.spark.LinkEvalCommand;
import org.darkfigure.link.spark.LinkInput;
import org.darkfigure.link.spark.ProbabilisticLink;
import org.darkfigure.pseudonymise.Keyring;
import org.darkfigure.pseudonymise.Pseudonymiser;
import org.darkfigure.simulate.Registers;
import org.darkfigure.spark.SparkSessions;

/**
 * Linkage quality on every set issue 16 names (bench/linkage-quality): FEBRL 3 and 4, Splink's fake_1000 and
 * historical_figures_50k (../shared/refdata/linkage), and noisy multi-agency registers of 5,000 and 20,000 people in
 * one stratum ({@link Registers}). Each set is pseudonymised in memory as a member state would (one secret), then
 * linked from the pseudonymised fields only, as the pipeline links; the truth is never shown to the linkage. Prints
 * precision, recall and F1 of pairs and the seconds of the linkage, beside the goals.
 */
public final class LinkageQualityBenchmark {

    private LinkageQualityBenchmark() {
    }

    /** One record in clear, as a set holds it, with its true person. */
    private record Clear(String source, String given, String family, String dob, String document, String sex,
                         String citizenship, String detected, String truth) {
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
        System.out.printf(Locale.ROOT, "%n%-34s %8s %10s %9s %8s %8s %8s %6s%n", "set", "records", "cand.pairs",
                "precision", "recall", "F1", "goal", "s");
        lines.forEach(System.out::println);
        System.out.println("(pseudonymised fields only: names, date of birth, document where the set has one, sex and "
                + "citizenship where it has them; link = blocking + Splink-style training + clustering; 2 cores)");
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
            List<Clear> records = new ArrayList<>();
            for (String[] r : Registers.draw(new Registers.Settings(people, 5, 42, "IDN", 2024))) {
                // record_id, source_id, reporting_country, detection_date, given, family, dob, document,
                // document_country, sex, citizenship, true_person
                records.add(new Clear(r[1], r[4], r[5], r[6], r[7].isEmpty() ? null : r[8] + "|" + r[7], r[9], r[10],
                        r[3], r[11]));
            }
            sets.add(new Set(String.format(Locale.ROOT, "registers, %,d people, 5 agencies", people), 0.97, records));
        }
        return sets;
    }

    /** A developer's aid: each set in clear in the upload form, for ./darkfigure pseudonymise and link-eval. */
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

    /** FEBRL: rec-N-org / rec-N-dup-k; comma then a space; date of birth YYYYMMDD; soc_sec_id as the document. */
    private static List<Clear> febrl(Path file, String source) throws IOException {
        List<Clear> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(", ", -1);
            out.add(new Clear(source, f[1], f[2], f[9], f[10], null, null, null, f[0].split("-")[1]));
        }
        return out;
    }

    private static final StructType SCHEMA = new StructType()
            .add("source", DataTypes.StringType).add("linkage_key", DataTypes.StringType)
            .add("lk_name_bf", DataTypes.StringType).add("lk_name_ph", DataTypes.StringType)
            .add("lk_dob_hash", DataTypes.StringType).add("lk_dob_var", DataTypes.StringType)
            .add("lk_doc_hash", DataTypes.StringType).add("lk_doc_bf", DataTypes.StringType)
            .add("birth_year", DataTypes.IntegerType).add("sex", DataTypes.StringType)
            .add("citizenship", DataTypes.StringType).add("detection_date", DataTypes.StringType);

    private static String run(SparkSession spark, Set set) {
        Pseudonymiser pseudonymiser = new Pseudonymiser(new Keyring(
                "linkage quality benchmark secret".getBytes(StandardCharsets.UTF_8)));
        List<Row> rows = new ArrayList<>();
        String[] truth = new String[set.records().size()];
        for (int i = 0; i < truth.length; i++) {
            Clear c = set.records().get(i);
            String[] doc = c.document() == null ? new String[] {null, null} : c.document().contains("|")
                    ? c.document().split("\\|", 2) : new String[] {null, c.document()};
            Map<String, String> p = pseudonymiser.encode(c.given(), c.family(), c.dob(), doc[1], doc[0]);
            rows.add(RowFactory.create(c.source(), p.get("linkage_key"), empty(p.get("lk_name_bf")),
                    empty(p.get("lk_name_ph")), empty(p.get("lk_dob_hash")), empty(p.get("lk_dob_var")),
                    empty(p.get("lk_doc_hash")), empty(p.get("lk_doc_bf")),
                    p.get("birth_year").isEmpty() ? null : Integer.valueOf(p.get("birth_year")), empty(c.sex()),
                    empty(c.citizenship()), c.detected()));
            truth[i] = c.truth();
        }
        Dataset<Row> frame = spark.createDataFrame(rows, SCHEMA);
        long t = System.nanoTime();
        Dataset<Row> input = LinkInput.prepare(spark, frame, List.of(), "source", "linkage_key", "detection_date");
        String result;
        try {
            ProbabilisticLink.Result r = ProbabilisticLink.run(input, ProbabilisticLink.Settings.withDefaults());
            double seconds = (System.nanoTime() - t) / 1e9;
            LinkEvalCommand.Metrics m = LinkEvalCommand.Metrics.of(r.cluster(), truth);
            result = String.format(Locale.ROOT, "%-34s %,8d %,10d %9.4f %8.4f %8.4f %8s %6.1f", set.name(), truth.length,
                    r.candidatePairs(), m.pairPrecision(), m.pairRecall(), m.pairF1(), ">= " + set.goal(), seconds);
        } catch (ProbabilisticLink.ImplausibleModelException e) {
            result = String.format(Locale.ROOT, "%-34s %,8d refused: %s", set.name(), truth.length, e.getMessage());
        }
        return result;
    }

    private static String empty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
