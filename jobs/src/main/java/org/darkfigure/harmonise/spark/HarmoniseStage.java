package org.darkfigure.harmonise.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.year;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.darkfigure.profile.NationalProfile;
import org.darkfigure.manifest.RunInput;
import org.darkfigure.manifest.RunManifest;
import org.darkfigure.manifest.StageReport;
import org.darkfigure.spark.SparkSchema;
import org.darkfigure.spark.StageContext;
import org.darkfigure.spark.Staged;
import org.darkfigure.spark.Storage;
import org.darkfigure.standard.FieldSpec;
import org.darkfigure.standard.FieldType;
import org.darkfigure.standard.RecordType;
import org.darkfigure.standard.Standard;

/**
 * Reads the staged rows of a run's inputs of one record type and puts them in the standard form the
 * later stages use: national codes mapped to the standard's through each submission's national
 * profile (the version it was validated against), codes upper case, and the stratum variable
 * {@code year} derived from the record's main date.
 */
public final class HarmoniseStage {

    public static final String YEAR = org.darkfigure.spark.Columns.YEAR;

    private HarmoniseStage() {
    }

    /**
     * The stage: every record type the run has inputs of, harmonised and written to {@code harmonised/<type>}
     * in the working folder; returns them as read back from there, by record type.
     */
    public static Staged<Map<String, Dataset<Row>>> harmonise(StageContext ctx, RunManifest run, Standard standard) {
        long t = System.nanoTime();
        Map<String, Dataset<Row>> harmonised = new LinkedHashMap<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        List<String> files = new ArrayList<>();
        counts.put("inputs", (long) run.inputs().size());
        long total = run.inputs().stream().mapToLong(RunInput::rows).sum();
        long done = 0;
        for (RecordType type : standard.recordTypes()) {
            if (run.inputs().stream().noneMatch(i -> i.recordType().equals(type.name()))) {
                continue;
            }
            ctx.within("harmonise", "harmonising the " + type.title().toLowerCase(java.util.Locale.ROOT) + " records", done,
                    total, "records");
            done += run.inputs().stream().filter(i -> i.recordType().equals(type.name())).mapToLong(RunInput::rows).sum();
            String folder = "harmonised/" + type.name();
            run(ctx.spark(), type, run).write().mode(SaveMode.ErrorIfExists).parquet(ctx.path(folder));
            Dataset<Row> rows = ctx.spark().read().parquet(ctx.path(folder));
            harmonised.put(type.name(), rows);
            counts.put(type.name() + "_records", rows.count());
            files.add(folder);
        }
        ctx.within("harmonise", "harmonised", done, total, "records");
        return new Staged<>(harmonised, new StageReport("harmonise", counts, Staged.seconds(t), List.of()), files);
    }

    /** The staged rows of one record type, harmonised; an empty frame when the run has none. */
    public static Dataset<Row> run(SparkSession spark, RecordType type, RunManifest run) {
        List<RunInput> inputs = run.inputs().stream()
                .filter(i -> i.recordType().equals(type.name()) && i.schemaVersion() == type.version()).toList();
        String[] paths = inputs.stream().map(i -> Storage.qualify(i.stagedPath())).toArray(String[]::new);
        if (paths.length == 0) {
            return spark.createDataFrame(List.of(), SparkSchema.staged(type).add(YEAR, "int"));
        }
        Dataset<Row> staged = spark.read().schema(SparkSchema.staged(type)).parquet(paths);
        staged = mapNationalCodes(staged, type, inputs, run.profiles());
        for (FieldSpec f : type.fields()) {
            if (f.type() == FieldType.CODE) {
                staged = staged.withColumn(f.name(), upper(col(f.name())));
            }
        }
        String dateField = type.fields().stream().filter(FieldSpec::withinPeriod).map(FieldSpec::name).findFirst()
                .orElse(null);
        if (dateField != null) {
            staged = staged.withColumn(YEAR, year(col(dateField)));
        }
        return staged;
    }

    /**
     * Replaces national codes by standard codes: for every field any profile recodes, a map literal
     * keyed "COUNTRY/version|national code" is looked up with the row's profile key (from its
     * submission); values without a mapping (standard codes) stay as they are.
     */
    public static Dataset<Row> mapNationalCodes(Dataset<Row> staged, RecordType type, List<RunInput> inputs,
                                         Map<String, String> profiles) {
        Map<String, Map<String, String>> byField = new TreeMap<>();
        for (Map.Entry<String, String> p : profiles.entrySet()) {
            NationalProfile profile;
            try {
                profile = NationalProfile.parse(Standard.builtIn(), p.getValue(), Integer.parseInt(p.getKey().split("/")[1]));
            } catch (IOException e) {
                throw new UncheckedIOException("run manifest profile " + p.getKey() + " is invalid", e);
            }
            profile.fields().forEach((field, mapping) -> mapping.codes().forEach((national, standard) ->
                    byField.computeIfAbsent(field, f -> new HashMap<>()).put(p.getKey() + "|" + national, standard)));
        }
        byField.keySet().removeIf(field -> type.field(field).isEmpty());
        if (byField.isEmpty()) {
            return staged;
        }
        Map<String, String> profileOfSubmission = new HashMap<>();
        for (RunInput i : inputs) {
            profileOfSubmission.put(i.submissionId(), i.profileKey());
        }
        Column profileKey = element_at(mapLiteral(profileOfSubmission), col(SparkSchema.SUBMISSION_ID));
        List<Column> columns = new ArrayList<>();
        for (String name : staged.columns()) {
            Map<String, String> mapping = byField.get(name);
            if (mapping == null) {
                columns.add(col(name));
            } else {
                Column lookup = element_at(mapLiteral(mapping), concat_ws("|", profileKey, col(name)));
                columns.add(coalesce(lookup, col(name)).as(name));
            }
        }
        return staged.select(columns.toArray(Column[]::new));
    }

    private static Column mapLiteral(Map<String, String> entries) {
        List<Column> pairs = new ArrayList<>();
        new TreeMap<>(entries).forEach((k, v) -> {
            pairs.add(lit(k));
            pairs.add(lit(v));
        });
        return map(pairs.toArray(Column[]::new));
    }
}
