package org.darkfigure.link.spark;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.darkfigure.link.Blocking;
import org.darkfigure.link.LinkRecord;
import org.darkfigure.link.LinkageCeiling;
import org.darkfigure.pseudonymise.Keyring;
import org.darkfigure.pseudonymise.Pseudonymiser;

/**
 * Linkage evaluated on records held in clear with their true person (issue 16's sets: FEBRL, Splink's, simulated
 * registers): pseudonymised in memory with one member state's secret, then linked from the pseudonymised fields
 * only, as the pipeline links; the truth scores the result and is never shown to the linkage. Shared by
 * bench/linkage-quality and the tests that hold its goals.
 */
public final class ClearEvaluation {

    /** One record in clear; any value may be null; {@code document} may be "COUNTRY|NUMBER". */
    public record Clear(String source, String given, String family, String dob, String document, String sex,
                        String citizenship, String detected, String truth) {
    }

    /** The linkage's result and its metrics against the truth. */
    public record Outcome(ProbabilisticLink.Result result, LinkEvalCommand.Metrics metrics, double seconds) {
    }

    private static final StructType SCHEMA = new StructType()
            .add("source", DataTypes.StringType).add("linkage_key", DataTypes.StringType)
            .add("lk_name_bf", DataTypes.StringType).add("lk_name_ph", DataTypes.StringType)
            .add("lk_dob_hash", DataTypes.StringType).add("lk_dob_var", DataTypes.StringType)
            .add("lk_doc_hash", DataTypes.StringType).add("lk_doc_bf", DataTypes.StringType)
            .add("birth_year", DataTypes.IntegerType).add("sex", DataTypes.StringType)
            .add("citizenship", DataTypes.StringType).add("detection_date", DataTypes.StringType);

    private ClearEvaluation() {
    }

    /** Pseudonymises, links (one stratum) and scores; an implausible model is thrown as the pipeline throws it. */
    public static Outcome run(SparkSession spark, List<Clear> records) {
        return run(spark, records, List.of(), ProbabilisticLink.Settings.withDefaults());
    }

    /**
     * Pseudonymises, links with {@code settings}, stratified by the named clear columns ({@code source}, {@code sex},
     * {@code citizenship}; none: one stratum), and scores.
     */
    public static Outcome run(SparkSession spark, List<Clear> records, List<String> strata,
                              ProbabilisticLink.Settings settings) {
        Dataset<Row> frame = pseudonymised(spark, records);
        long t = System.nanoTime();
        Dataset<Row> input = LinkInput.prepare(spark, frame, strata, "source", "linkage_key", "detection_date");
        ProbabilisticLink.Result r = ProbabilisticLink.run(input, settings);
        return new Outcome(r, LinkEvalCommand.Metrics.of(r.cluster(), truth(records)), (System.nanoTime() - t) / 1e9);
    }

    /**
     * The best F1 any classifier of the comparisons could reach knowing the truth ({@link LinkageCeiling}), over the
     * candidate pairs and over all pairs, and any classifier of the same fields read in clear ({@link ClearCeiling}).
     */
    public record Ceilings(LinkageCeiling.Ceiling overCandidates, LinkageCeiling.Ceiling overAllPairs,
                           LinkageCeiling.Ceiling inClear) {
    }

    /**
     * The linkage's ceilings on a set linked as one stratum (the records in memory: a benchmark's sets): over the
     * candidate pairs blocking makes with {@code settings}, over all pairs (non-matches from 20 million random pairs),
     * and from the fields in clear.
     */
    public static Ceilings ceilings(SparkSession spark, List<Clear> records, ProbabilisticLink.Settings settings) {
        Dataset<Row> input = LinkInput.prepare(spark, pseudonymised(spark, records), List.of(), "source",
                "linkage_key", "detection_date");
        List<LinkRecord> list = new ArrayList<>();
        new ProbabilisticLink.ToLinkRecord().call(input.collectAsList().iterator()).forEachRemaining(list::add);
        list.sort(java.util.Comparator.comparingLong(LinkRecord::id));
        LinkRecord[] linkRecords = list.toArray(new LinkRecord[0]);
        String[] truth = truth(records);
        long[] candidates = new Blocking(settings.bands(), settings.bitsPerBand(), settings.seed())
                .candidates(linkRecords);
        return new Ceilings(LinkageCeiling.over(linkRecords, truth, candidates),
                LinkageCeiling.overAll(linkRecords, truth, 20_000_000, settings.seed()),
                ClearCeiling.of(records, settings.seed()));
    }

    /** The records pseudonymised as a member state would (one secret), in the linkage's input columns. */
    private static Dataset<Row> pseudonymised(SparkSession spark, List<Clear> records) {
        Pseudonymiser pseudonymiser = new Pseudonymiser(new Keyring(
                "linkage evaluation secret".getBytes(StandardCharsets.UTF_8)));
        List<Row> rows = new ArrayList<>();
        for (Clear c : records) {
            String[] doc = c.document() == null ? new String[] {null, null} : c.document().contains("|")
                    ? c.document().split("\\|", 2) : new String[] {null, c.document()};
            Map<String, String> p = pseudonymiser.encode(c.given(), c.family(), c.dob(), doc[1], doc[0]);
            rows.add(RowFactory.create(c.source(), empty(p.get("linkage_key")), empty(p.get("lk_name_bf")),
                    empty(p.get("lk_name_ph")), empty(p.get("lk_dob_hash")), empty(p.get("lk_dob_var")),
                    empty(p.get("lk_doc_hash")), empty(p.get("lk_doc_bf")),
                    p.get("birth_year").isEmpty() ? null : Integer.valueOf(p.get("birth_year")), empty(c.sex()),
                    empty(c.citizenship()), c.detected()));
        }
        return spark.createDataFrame(rows, SCHEMA);
    }

    private static String[] truth(List<Clear> records) {
        return records.stream().map(Clear::truth).toArray(String[]::new);
    }

    /** FEBRL's records (rec-N-org / rec-N-dup-k; a comma and a space; soc_sec_id as the document). */
    public static List<Clear> febrl(List<String> lines, String source) {
        List<Clear> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(", ", -1);
            out.add(new Clear(source, f[1], f[2], f[9], f[10], null, null, null, f[0].split("-")[1]));
        }
        return out;
    }

    /** {@link org.darkfigure.simulate.Registers} rows as clear records. */
    public static List<Clear> registers(List<String[]> rows) {
        List<Clear> out = new ArrayList<>();
        for (String[] r : rows) {
            // record_id, source_id, reporting_country, detection_date, given, family, dob, document,
            // document_country, sex, citizenship, true_person
            out.add(new Clear(r[1], r[4], r[5], r[6], r[7].isEmpty() ? null : r[8] + "|" + r[7], r[9], r[10], r[3],
                    r[11]));
        }
        return out;
    }

    private static String empty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
