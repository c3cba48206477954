package org.darkfigure.estimate.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.darkfigure.estimate.EstimateStatus;
import org.darkfigure.estimate.KnownCoverage;
import org.darkfigure.estimate.Quality;
import org.darkfigure.estimate.Totals;
import org.darkfigure.estimate.search.ModelAveraging;

/**
 * The release's {@code estimates/estimates.json}: what the API serves and the charts draw. One object
 * per stratum (population, country, year, sub-stratum) with its lists, the estimate (non-finite
 * numbers as null), diagnostics and the candidate models; then totals across countries per year.
 */
public final class EstimatesJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EstimatesJson() {
    }

    /** A total across the countries of one population and year (sub-stratum "all" only). */
    public record TotalRow(String population, int year, List<String> countries, Totals.Total total, List<Quality> parts) {
    }

    public static List<TotalRow> totals(List<Row> estimates, double level) {
        Map<String, List<Row>> groups = new TreeMap<>();
        Map<String, String> changes = modelChanges(estimates);
        for (Row r : estimates) {
            if ("all".equals(r.getAs("stratum"))) {
                groups.computeIfAbsent(r.getAs("population") + "|" + r.<Integer>getAs("year"), k -> new ArrayList<>()).add(r);
            }
        }
        List<TotalRow> out = new ArrayList<>();
        groups.forEach((key, rows) -> {
            List<Totals.Part> parts = new ArrayList<>();
            List<String> countries = new ArrayList<>();
            List<Quality> qualities = new ArrayList<>();
            for (Row r : rows) {
                countries.add(r.getAs("country"));
                qualities.add(quality(r, changes));
                parts.add(new Totals.Part(r.<Long>getAs("observed"), r.<Double>getAs("total"), r.<Double>getAs("stderr"),
                        "OK".equals(r.getAs("status"))));
            }
            String[] k = key.split("\\|");
            out.add(new TotalRow(k[0], Integer.parseInt(k[1]), countries, Totals.combine(parts, level), qualities));
        });
        return out;
    }

    public static byte[] render(String releaseId, String createdAt, double level, List<Row> estimates,
                                List<TotalRow> totals, Map<String, Map<Double, Double>> linkageSensitivity)
            throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("releaseId", releaseId);
        root.put("createdAt", createdAt);
        root.put("level", level);
        ArrayNode strata = root.putArray("strata");
        Map<String, String> changes = modelChanges(estimates);
        for (Row r : estimates) {
            ObjectNode s = strata.addObject();
            s.put("population", r.<String>getAs("population"));
            s.put("country", r.<String>getAs("country"));
            s.put("year", r.<Integer>getAs("year"));
            s.put("stratum", r.<String>getAs("stratum"));
            s.put("origin", r.<String>getAs("origin"));
            s.put("observed", r.<Long>getAs("observed"));
            ArrayNode lists = s.putArray("lists");
            r.<String>getList(r.fieldIndex("lists")).forEach(lists::add);
            ArrayNode sizes = s.putArray("listSizes");
            r.<Long>getList(r.fieldIndex("list_sizes")).forEach(sizes::add);
            ArrayNode cells = s.putArray("patternCounts");
            r.<Long>getList(r.fieldIndex("pattern_counts")).forEach(cells::add);
            ObjectNode e = s.putObject("estimate");
            e.put("method", r.<String>getAs("method"));
            e.put("model", r.<String>getAs("model"));
            number(e, "total", r.getAs("total"));
            number(e, "stderr", r.getAs("stderr"));
            number(e, "lower", r.getAs("lower"));
            number(e, "upper", r.getAs("upper"));
            e.put("level", r.<Double>getAs("level"));
            e.put("interval", r.<String>getAs("interval"));
            e.put("status", r.<String>getAs("status"));
            ArrayNode warnings = e.putArray("warnings");
            r.<String>getList(r.fieldIndex("warnings")).forEach(warnings::add);
            if (changes.containsKey(seriesKey(r) + "|" + r.<Integer>getAs("year"))) {
                e.put("modelChanged", true);
            }
            put(e, quality(r, changes));
            if (r.isNullAt(r.fieldIndex("deviance"))) {
                s.putNull("diagnostics");
            } else {
                ObjectNode d = s.putObject("diagnostics");
                number(d, "deviance", r.getAs("deviance"));
                d.put("df", r.<Integer>getAs("df"));
                number(d, "pValue", r.getAs("p_value"));
                number(d, "aic", r.getAs("aic"));
                number(d, "bic", r.getAs("bic"));
            }
            Map<Double, Double> sensitivity = "records".equals(r.getAs("origin")) && "all".equals(r.getAs("stratum"))
                    ? linkageSensitivity.get(r.getAs("population") + "|" + r.getAs("country") + "|" + r.<Integer>getAs("year"))
                    : null;
            if (sensitivity != null) {
                ObjectNode link = s.putObject("linkageSensitivity");
                double low = r.<Double>getAs("total");
                double high = low;
                for (Map.Entry<Double, Double> t : sensitivity.entrySet()) {
                    number(link, "total_at_" + t.getKey(), t.getValue());
                    if (Double.isFinite(t.getValue())) {
                        low = Math.min(low, t.getValue());
                        high = Math.max(high, t.getValue());
                    }
                }
                number(link, "low", low);
                number(link, "high", high);
                link.put("note", "totals with people linked at match probability 0.2 and 0.8 instead of the chosen threshold");
            }
            s.put("selection", r.<String>getAs("selection"));
            s.put("modelsSearched", r.<Long>getAs("models_searched"));
            ObjectNode aside = s.putObject("setAside");
            scala.collection.Map<String, Long> setAside = r.getMap(r.fieldIndex("set_aside"));
            scala.jdk.javaapi.CollectionConverters.asJava(setAside).forEach(aside::put);
            ArrayNode candidates = s.putArray("candidates");
            for (Row c : r.<Row>getList(r.fieldIndex("candidates"))) {
                ObjectNode n = candidates.addObject();
                n.put("model", c.<String>getAs("model"));
                number(n, "total", c.getAs("total"));
                number(n, "stderr", c.getAs("stderr"));
                number(n, "deviance", c.getAs("deviance"));
                n.put("df", c.<Integer>getAs("df"));
                number(n, "aic", c.getAs("aic"));
                number(n, "bic", c.getAs("bic"));
                n.put("status", c.<String>getAs("status"));
                if (c.getAs("note") != null) {
                    n.put("note", c.<String>getAs("note"));
                }
                if (c.getAs("rank") != null) {
                    n.put("rank", c.<Integer>getAs("rank"));
                }
                if (hasField(c, "interval") && c.getAs("interval") != null) {
                    // Bayesian comparison candidates: posterior interval, and dga's heaviest graphs
                    number(n, "lower", c.getAs("lower"));
                    number(n, "upper", c.getAs("upper"));
                    n.put("interval", c.<String>getAs("interval").toLowerCase(java.util.Locale.ROOT));
                }
                if (hasField(c, "weights") && c.getAs("weights") != null) {
                    ArrayNode weights = n.putArray("weights");
                    for (Row w : c.<Row>getList(c.fieldIndex("weights"))) {
                        ObjectNode m = weights.addObject();
                        m.put("model", w.<String>getAs("model"));
                        m.put("probability", w.<Double>getAs("probability"));
                    }
                }
            }
        }
        ArrayNode totalNodes = root.putArray("totals");
        for (TotalRow t : totals) {
            ObjectNode n = totalNodes.addObject();
            n.put("population", t.population());
            n.put("year", t.year());
            ArrayNode countries = n.putArray("countries");
            t.countries().forEach(countries::add);
            n.put("observed", t.total().observed());
            number(n, "total", t.total().total());
            number(n, "stderr", t.total().stderr());
            number(n, "lower", t.total().interval().lower());
            number(n, "upper", t.total().interval().upper());
            ArrayNode warnings = n.putArray("warnings");
            t.total().warnings().forEach(warnings::add);
            put(n, Quality.ofTotal(t.parts(), t.total().warnings()));
        }
        return JSON.writeValueAsBytes(root);
    }

    /** Estimates written before the Bayesian candidates lack their fields. */
    private static boolean hasField(Row row, String name) {
        return row.schema() != null && java.util.Arrays.asList(row.schema().fieldNames()).contains(name);
    }

    private static void number(ObjectNode node, String name, Double value) {
        if (value == null || !Double.isFinite(value)) {
            node.putNull(name);
        } else {
            node.put(name, value);
        }
    }

    /** A stratum's published quality: from its status and warnings, and a change of model from the year before. */
    static Quality quality(Row r, Map<String, String> changes) {
        String change = changes.get(seriesKey(r) + "|" + r.<Integer>getAs("year"));
        return change == null ? quality(r) : Quality.withReason(quality(r), change);
    }

    /** A stratum's quality flag, from its status and warnings. */
    static Quality quality(Row r) {
        EstimateStatus status = EstimateStatus.valueOf(r.getAs("status"));
        List<String> warnings = r.<String>getList(r.fieldIndex("warnings"));
        // the published default carries what the simulation study measured of its interval in this situation
        KnownCoverage situation = KnownCoverage.of(r.<Integer>getAs("k"), r.<Long>getAs("observed"),
                ModelAveraging.METHOD.equals(r.getAs("method")));
        return Quality.ofDefault(status, warnings, situation);
    }

    private static void put(ObjectNode node, Quality q) {
        ObjectNode quality = node.putObject("quality");
        quality.put("flag", q.flag().name());
        ArrayNode reasons = quality.putArray("reasons");
        q.reasons().forEach(reasons::add);
    }

    /**
     * Issue 15: a series must not jump because the selected model changed while the data changed smoothly.
     * For each stratum whose model differs from the one selected the year before (both estimated), the plain
     * reason that goes with its quality flag.
     */
    static Map<String, String> modelChanges(List<Row> estimates) {
        Map<String, java.util.TreeMap<Integer, Row>> series = new TreeMap<>();
        for (Row r : estimates) {
            series.computeIfAbsent(seriesKey(r), k -> new java.util.TreeMap<>()).put(r.<Integer>getAs("year"), r);
        }
        Map<String, String> out = new java.util.HashMap<>();
        series.forEach((key, byYear) -> byYear.forEach((year, r) -> {
            Row before = byYear.get(year - 1);
            if (before != null && "OK".equals(before.getAs("status")) && "OK".equals(r.getAs("status"))
                    && !before.<String>getAs("model").equals(r.<String>getAs("model"))) {
                out.put(key + "|" + year, "The selected model changed from " + before.<String>getAs("model") + " ("
                        + (year - 1) + ") to " + r.<String>getAs("model") + ": part of the change from the year before "
                        + "may come from the model, not from the data.");
            }
        }));
        return out;
    }

    private static String seriesKey(Row r) {
        return r.<String>getAs("population") + "|" + r.<String>getAs("country") + "|" + r.<String>getAs("stratum") + "|"
                + r.<String>getAs("origin");
    }
}
