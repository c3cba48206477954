package org.darkfigure.estimate.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.darkfigure.estimate.CaptureHistory;
import org.darkfigure.estimate.Estimate;
import org.darkfigure.estimate.EstimateStatus;
import org.darkfigure.estimate.pooled.YearsTogether;
import org.darkfigure.spark.RowBuilder;

/**
 * Run parameter {@code years=together} (issue 15, part 3): each series (population, country, stratum, origin) has
 * its estimable years (status OK, three or more lists, the same lists every year) estimated again in one model
 * with year as a stratifying covariate ({@link YearsTogether}), replacing their separate estimates. Works on the
 * per-stratum rows the estimate stage has already collected (summaries, never records). A series that cannot be
 * pooled keeps its separate estimates and says why.
 */
public final class YearsPooling {

    /** Said on every pooled estimate: the study chose the default one year at a time. */
    public static final String NOT_STUDIED = "Estimated together with this series' other years (year as a stratifying "
            + "covariate); the simulation study has not measured the coverage of this model's interval.";

    private YearsPooling() {
    }

    /** The rows with pooled estimates where a series allows, and how many series were pooled. */
    public record Pooled(List<Row> rows, int series) {
    }

    public static Pooled apply(List<Row> rows, double level) {
        Map<String, List<Integer>> series = new TreeMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            if ("OK".equals(r.getAs("status")) && r.<Integer>getAs("k") >= 3) {
                String key = r.getAs("population") + "|" + r.getAs("country") + "|" + r.getAs("stratum") + "|"
                        + r.getAs("origin");
                series.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            }
        }
        List<Row> out = new ArrayList<>(rows);
        int pooled = 0;
        for (List<Integer> members : series.values()) {
            if (members.size() < 2) {
                continue;
            }
            List<String> years = new ArrayList<>();
            List<CaptureHistory> tables = new ArrayList<>();
            for (int i : members) {
                Row r = rows.get(i);
                years.add(Integer.toString(r.<Integer>getAs("year")));
                tables.add(table(r));
            }
            YearsTogether.Result result;
            try {
                result = YearsTogether.fit(years, tables, level);
            } catch (IllegalArgumentException e) {
                for (int i : members) {
                    out.set(i, withWarning(rows.get(i), "Not estimated together with the other years: " + e.getMessage()
                            + "."));
                }
                continue;
            }
            if (result.estimates().stream().anyMatch(e -> e.status() != EstimateStatus.OK)) {
                for (int i : members) {
                    out.set(i, withWarning(rows.get(i), "The years could not be estimated together (the joint model "
                            + "could not be fitted); estimated on their own."));
                }
                continue;
            }
            pooled++;
            for (int m = 0; m < members.size(); m++) {
                out.set(members.get(m), pooledRow(rows.get(members.get(m)), result.estimates().get(m), years));
            }
        }
        return new Pooled(out, pooled);
    }

    private static CaptureHistory table(Row r) {
        List<Long> cells = r.getList(r.fieldIndex("pattern_counts"));
        long[] counts = new long[cells.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = cells.get(i);
        }
        return new CaptureHistory(r.getList(r.fieldIndex("lists")), counts);
    }

    private static Row pooledRow(Row r, Estimate e, List<String> years) {
        List<String> warnings = new ArrayList<>(e.warnings());
        warnings.add(NOT_STUDIED);
        return RowBuilder.from(r).set("method", e.method()).set("model", e.model()).set("total", e.total())
                .set("stderr", e.stderr()).set("lower", e.interval().lower()).set("upper", e.interval().upper())
                .set("interval", e.interval().method().name()).set("warnings", seq(warnings))
                .set("deviance", e.diagnostics().deviance()).set("df", e.diagnostics().df())
                .set("p_value", Double.isFinite(e.diagnostics().pValue()) ? e.diagnostics().pValue() : null)
                .set("aic", e.diagnostics().aic()).set("bic", e.diagnostics().bic())
                .set("selection", "years together (" + String.join(", ", years) + "): " + e.model()).build();
    }

    private static Row withWarning(Row r, String warning) {
        List<String> warnings = new ArrayList<>(r.<String>getList(r.fieldIndex("warnings")));
        warnings.add(warning);
        return RowBuilder.from(r).set("warnings", seq(warnings)).build();
    }

    private static scala.collection.immutable.Seq<String> seq(List<String> list) {
        return scala.jdk.javaapi.CollectionConverters.asScala(list).toSeq();
    }
}
