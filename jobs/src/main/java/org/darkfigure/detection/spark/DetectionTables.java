package org.darkfigure.detection.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.darkfigure.detection.DetectionCounts;
import org.darkfigure.manifest.StageReport;
import org.darkfigure.spark.Storage;
import org.darkfigure.standard.Standard;

/**
 * The detection tables of a release: the harmonised incidents and offenders counted per reporting country
 * and year (the year of the incident date, of the stage date), written to {@value #OUTPUT}. Spark does the
 * counting; only the (small) tables reach the driver.
 *
 * <p>A missing {@code persons_involved}, {@code dead}, {@code missing} or {@code facilitators_detected}
 * counts as 0 (the incident itself still counts); a missing route or transport mode is {@code UNK}.
 * Offenders are distinct people per stage: the same {@code offender_key} at one stage in one year counts once
 * whichever agencies recorded it; a record without a key is a person of its own.
 */
public final class DetectionTables {

    /** Where the tables go, relative to the release folder. */
    public static final String OUTPUT = org.darkfigure.manifest.StorageLayout.DETECTION_TABLES;

    private DetectionTables() {
    }

    /** Counts, writes {@value #OUTPUT} under the working release folder, and reports. */
    public static StageReport run(Storage storage, String working, Map<String, Dataset<Row>> harmonised)
            throws IOException {
        long started = System.nanoTime();
        DetectionCounts counts = tables(harmonised.get("incident"), harmonised.get("offender"));
        try (OutputStream out = storage.create(working + "/" + OUTPUT)) {
            out.write(counts.toJson());
        }
        Map<String, Long> report = new LinkedHashMap<>();
        report.put("incidents", counts.byRouteAndMode().stream().mapToLong(DetectionCounts.RouteAndMode::incidents).sum());
        report.put("persons_involved", counts.byRouteAndMode().stream().mapToLong(DetectionCounts.RouteAndMode::persons).sum());
        report.put("offenders_at_stages", counts.justiceFunnel().stream().mapToLong(DetectionCounts.Stage::offenders).sum());
        return new StageReport("detections", report, Math.round((System.nanoTime() - started) / 1e6) / 1e3, List.of());
    }

    /** The tables of the given harmonised incidents and offenders (either may be null: none submitted). */
    public static DetectionCounts tables(Dataset<Row> incidents, Dataset<Row> offenders) {
        List<DetectionCounts.RouteAndMode> byRouteAndMode = List.of();
        List<DetectionCounts.Deaths> deaths = new ArrayList<>();
        List<DetectionCounts.Facilitators> facilitators = new ArrayList<>();
        if (incidents != null) {
            Dataset<Row> i = incidents.select(col("reporting_country").as("country"), col("year"),
                    coalesce(col("route"), lit(DetectionCounts.UNKNOWN)).as("route"),
                    coalesce(col("transport_mode"), lit(DetectionCounts.UNKNOWN)).as("transport_mode"),
                    zeroIfMissing("persons_involved"), zeroIfMissing("dead"), zeroIfMissing("missing"),
                    zeroIfMissing("facilitators_detected"));
            byRouteAndMode = i.groupBy(col("country"), col("year"), col("route"), col("transport_mode"))
                    .agg(count(lit(1)), sum("persons_involved"))
                    .orderBy(col("country"), col("year"), col("route"), col("transport_mode")).collectAsList().stream()
                    .map(r -> new DetectionCounts.RouteAndMode(r.getString(0), r.getInt(1), r.getString(2), r.getString(3),
                            r.getLong(4), r.getLong(5)))
                    .toList();
            Column deadly = col("dead").plus(col("missing")).gt(0);
            List<Row> yearly = i.groupBy("country", "year").agg(
                            count(when(deadly, lit(1))).as("deadly"), sum("dead").as("dead"), sum("missing").as("missing"),
                            count(when(col("facilitators_detected").gt(0), lit(1))).as("with_facilitators"),
                            sum("facilitators_detected").as("facilitators"))
                    .orderBy("country", "year").collectAsList();
            for (Row r : yearly) {
                deaths.add(new DetectionCounts.Deaths(r.getString(0), r.getInt(1), r.getLong(2), r.getLong(3), r.getLong(4)));
                facilitators.add(new DetectionCounts.Facilitators(r.getString(0), r.getInt(1), r.getLong(5), r.getLong(6)));
            }
        }
        List<DetectionCounts.Stage> funnel = new ArrayList<>();
        if (offenders != null) {
            Column who = coalesce(col("offender_key"), concat_ws(":", col("source_id"), col("offender_record_id")));
            for (Row r : offenders.groupBy(col("reporting_country"), col("year"), col("cj_stage"))
                    .agg(countDistinct(who)).collectAsList()) {
                funnel.add(new DetectionCounts.Stage(r.getString(0), r.getInt(1), r.getString(2), r.getLong(3)));
            }
            List<String> stages = new ArrayList<>(Standard.builtIn().requireCodeList("cj_stage").labels().keySet());
            funnel.sort(Comparator.comparing(DetectionCounts.Stage::country).thenComparing(DetectionCounts.Stage::year)
                    .thenComparing(s -> stages.indexOf(s.stage())));
        }
        return new DetectionCounts(byRouteAndMode, deaths, facilitators, funnel);
    }

    private static Column zeroIfMissing(String column) {
        return coalesce(col(column).cast("long"), lit(0L)).as(column);
    }

}
