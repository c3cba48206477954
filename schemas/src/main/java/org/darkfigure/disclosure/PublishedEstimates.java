package org.darkfigure.disclosure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.darkfigure.csv.CsvWriter;

/**
 * The one published estimates table of a release, made once when the release is published
 * ({@code tables/published-estimates.json}); every view a viewer gets (JSON, CSV, SDMX-CSV, the charts and
 * their totals) is read from it and from nothing else, so no view can undo another's suppression.
 *
 * <p>The rule (recorded in the table and the release manifest): the threshold rule with secondary
 * suppression on the country x year table of each population, whose yearly totals across countries are
 * published as its margins ({@link CellSuppression}). A stratum that is hidden is hidden whole: its
 * observed count, its estimate and interval, its model, its warnings and its linkage sensitivity; otherwise
 * the yearly total of the estimates, minus the shown strata, would give the hidden stratum's estimate back.
 * The sub-strata of a country and year (sex, age band...) are a second table whose margin is that stratum:
 * all hidden when it is, else the threshold rule with secondary suppression within each breakdown. A yearly
 * total is hidden when its column of cells cannot protect a hidden cell. Viewers never get capture-history
 * counts, list sizes, fit statistics or the model comparison; warnings keep their meaning without their
 * numbers of people or fit statistics.
 */
public final class PublishedEstimates {

    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String TOO_FEW = "TOO_FEW_OBSERVATIONS";
    public static final String SUPPRESSED = "SUPPRESSED";
    public static final String RULE = "threshold rule: observed counts from 1 to threshold - 1 suppressed, with secondary "
            + "suppression so that no suppressed cell follows from the published yearly totals or sub-strata; a suppressed "
            + "stratum publishes no estimate, interval, model or warning";

    private static final List<String> WITHHELD_FIELDS = List.of("patternCounts", "listSizes", "candidates", "setAside",
            "diagnostics", "selection", "modelsSearched");

    private PublishedEstimates() {
    }

    /** One published stratum (population x country x year), or a yearly total (country "_T"). */
    public record Line(String population, String country, int year, Long observed, boolean suppressed, Double total,
                       Double lower, Double upper, double level, String model, String status, String quality,
                       List<String> reasons) {
    }

    /** A release made before quality flags: derived from the status and warnings as the pipeline derives it. */
    private static String quality(JsonNode estimate, String status) {
        JsonNode q = estimate.path("quality").path("flag");
        if (q.isTextual()) {
            return q.asText();
        }
        if (status.equals(TOO_FEW) || status.equals(SUPPRESSED)) {
            return SUPPRESSED;
        }
        if (status.equals("TOTAL")) {
            return estimate.path("warnings").isEmpty() ? "RELIABLE" : "CAUTION";
        }
        return !status.equals("OK") ? "NOT_ESTIMABLE" : estimate.path("warnings").isEmpty() ? "RELIABLE" : "CAUTION";
    }

    private static List<String> reasons(JsonNode estimate) {
        JsonNode from = estimate.path("quality").path("reasons").isArray() ? estimate.path("quality").path("reasons")
                : estimate.path("warnings");
        List<String> out = new ArrayList<>();
        from.forEach(r -> out.add(r.asText()));
        return out;
    }

    /**
     * The published table from a release's full {@code estimates.json}: the same shape (so the pages read
     * either), with what viewers may not see removed and the suppression applied.
     */
    public static byte[] publish(byte[] estimatesJson, int threshold) throws IOException {
        if (threshold < 1) {
            throw new IllegalArgumentException("the small-cell threshold must be at least 1, not " + threshold);
        }
        ObjectNode root = (ObjectNode) JSON.readTree(estimatesJson);
        root.put("threshold", threshold);
        root.put("rule", RULE);
        List<ObjectNode> strata = new ArrayList<>();
        root.path("strata").forEach(s -> strata.add((ObjectNode) s));
        Map<String, boolean[]> hiddenTotals = new TreeMap<>(); // population -> (years in order) total hidden
        Map<String, List<Integer>> yearsOf = new TreeMap<>();
        for (String population : new TreeSet<>(strata.stream().map(s -> s.path("population").asText()).toList())) {
            List<ObjectNode> all = strata.stream().filter(s -> s.path("population").asText().equals(population)
                    && "all".equals(s.path("stratum").asText("all"))).toList();
            List<String> countries = new ArrayList<>(new TreeSet<>(all.stream().map(s -> s.path("country").asText()).toList()));
            List<Integer> years = new ArrayList<>(new TreeSet<>(all.stream().map(s -> s.path("year").asInt()).toList()));
            long[][] counts = new long[countries.size()][years.size()];
            for (ObjectNode s : all) {
                counts[countries.indexOf(s.path("country").asText())][years.indexOf(s.path("year").asInt())] +=
                        s.path("observed").asLong();
            }
            CellSuppression.Pattern pattern = CellSuppression.suppress(counts, threshold);
            hiddenTotals.put(population, pattern.columnTotals());
            yearsOf.put(population, years);
            for (ObjectNode s : all) {
                int r = countries.indexOf(s.path("country").asText());
                int c = years.indexOf(s.path("year").asInt());
                if (pattern.hidden(r, c)) {
                    hide(s, s.path("observed").asLong() < threshold ? TOO_FEW : SUPPRESSED);
                }
            }
            // the sub-strata of each country and year, by breakdown (the part of "sex=F" before '=')
            Map<String, Map<String, List<ObjectNode>>> subStrata = new TreeMap<>();
            for (ObjectNode s : strata) {
                String stratum = s.path("stratum").asText("all");
                if (s.path("population").asText().equals(population) && !"all".equals(stratum)) {
                    String key = s.path("country").asText() + "|" + s.path("year").asInt();
                    String breakdown = stratum.contains("=") ? stratum.substring(0, stratum.indexOf('=')) : stratum;
                    subStrata.computeIfAbsent(key, k -> new TreeMap<>()).computeIfAbsent(breakdown, k -> new ArrayList<>())
                            .add(s);
                }
            }
            subStrata.forEach((key, breakdowns) -> {
                String[] k = key.split("\\|");
                boolean parentHidden = all.stream().anyMatch(s -> s.path("country").asText().equals(k[0])
                        && s.path("year").asInt() == Integer.parseInt(k[1]) && s.path("observed").isNull());
                breakdowns.values().forEach(cells -> protectBreakdown(cells, threshold, parentHidden));
            });
        }
        for (ObjectNode s : strata) {
            WITHHELD_FIELDS.forEach(s::remove);
            JsonNode e = s.path("estimate");
            if (e instanceof ObjectNode estimate) {
                estimate.remove("stderr");
                estimate.set("warnings", plainWarnings(estimate.path("warnings")));
                if (estimate.path("quality") instanceof ObjectNode quality) {
                    quality.set("reasons", plainWarnings(quality.path("reasons")));
                }
            }
        }
        for (JsonNode t : root.path("totals")) {
            ObjectNode total = (ObjectNode) t;
            String population = total.path("population").asText();
            List<Integer> years = yearsOf.getOrDefault(population, List.of());
            int c = years.indexOf(total.path("year").asInt());
            total.remove("stderr");
            if (c >= 0 && hiddenTotals.get(population)[c]) {
                for (String f : List.of("observed", "total", "lower", "upper")) {
                    total.putNull(f);
                }
                total.put("status", SUPPRESSED);
                total.putArray("warnings");
                total.putObject("quality").put("flag", SUPPRESSED).putArray("reasons");
            } else {
                total.set("warnings", plainWarnings(total.path("warnings")));
                if (total.path("quality") instanceof ObjectNode quality) {
                    quality.set("reasons", plainWarnings(quality.path("reasons")));
                }
            }
        }
        return JSON.writeValueAsBytes(root);
    }

    /** A breakdown of one country-year's stratum: hidden whole with its parent, else the threshold rule + one more. */
    private static void protectBreakdown(List<ObjectNode> cells, int threshold, boolean parentHidden) {
        int hidden = 0;
        for (ObjectNode s : cells) {
            long n = s.path("observed").asLong();
            if (parentHidden || (n >= 1 && n < threshold)) {
                hide(s, n < threshold ? TOO_FEW : SUPPRESSED);
                hidden++;
            }
        }
        if (hidden == 1) { // the margin (the parent) is published: one hidden cell would follow from it
            cells.stream().filter(s -> !s.path("observed").isNull() && s.path("observed").asLong() >= 1)
                    .min(java.util.Comparator.comparingLong(s -> s.path("observed").asLong()))
                    .ifPresent(s -> hide(s, SUPPRESSED));
        }
    }

    private static void hide(ObjectNode stratum, String status) {
        stratum.putNull("observed");
        stratum.put("suppressed", true);
        stratum.remove("linkageSensitivity");
        stratum.remove("lists");
        ObjectNode e = stratum.path("estimate") instanceof ObjectNode o ? o : stratum.putObject("estimate");
        for (String f : List.of("total", "stderr", "lower", "upper")) {
            e.putNull(f);
        }
        e.putNull("model");
        e.putNull("method");
        e.put("status", status);
        e.putArray("warnings");
        ObjectNode quality = e.putObject("quality");
        quality.put("flag", SUPPRESSED);
        quality.putArray("reasons").add("fewer than the threshold of people, or hidden to protect such a stratum");
    }

    private static final Pattern FIT_STATISTICS = Pattern.compile("\\s*\\((deviance|p =|df)[^)]*\\)");
    private static final Pattern FEW_ON_BOTH = Pattern.compile("^Only \\d+ (people are|person is) on both lists");
    private static final Pattern COUNT_OF = Pattern.compile("^\\d+ of \\d+ possible list combinations are empty");

    /**
     * A warning as a viewer reads it: its meaning without fit statistics or counts drawn from the capture
     * histories (which viewers do not get); ranges of estimated totals stay (they are estimates, not counts).
     */
    static String plainWarning(String warning) {
        String w = FIT_STATISTICS.matcher(warning).replaceAll("");
        w = FEW_ON_BOTH.matcher(w).replaceFirst("Few people are on both lists");
        w = COUNT_OF.matcher(w).replaceFirst("Many possible list combinations are empty");
        return w;
    }

    private static ArrayNode plainWarnings(JsonNode warnings) {
        ArrayNode out = JSON.createArrayNode();
        warnings.forEach(w -> out.add(plainWarning(w.asText())));
        return out;
    }

    /** The published table's rows, for the CSV and SDMX-CSV downloads: read from the published table only. */
    public static List<Line> lines(byte[] publishedJson) throws IOException {
        JsonNode root = JSON.readTree(publishedJson);
        double level = root.path("level").asDouble(0.95);
        Map<String, List<JsonNode>> byPopulation = new TreeMap<>();
        root.path("strata").forEach(s -> {
            if ("all".equals(s.path("stratum").asText("all"))) {
                byPopulation.computeIfAbsent(s.path("population").asText(), p -> new ArrayList<>()).add(s);
            }
        });
        root.path("totals").forEach(t -> byPopulation.computeIfAbsent(t.path("population").asText(), p -> new ArrayList<>()));
        List<Line> out = new ArrayList<>();
        byPopulation.forEach((population, of) -> {
            for (JsonNode s : of.stream().sorted(java.util.Comparator.comparing((JsonNode s) -> s.path("country").asText())
                    .thenComparingInt(s -> s.path("year").asInt())).toList()) {
                JsonNode e = s.path("estimate");
                String status = e.path("status").asText();
                out.add(new Line(population, s.path("country").asText(), s.path("year").asInt(), longOrNull(s, "observed"),
                        s.path("suppressed").asBoolean(false), number(e, "total"), number(e, "lower"), number(e, "upper"),
                        level, e.path("model").isTextual() ? e.path("model").asText() : null, status,
                        quality(e, status), reasons(e)));
            }
            for (JsonNode t : root.path("totals")) {
                if (t.path("population").asText().equals(population)) {
                    boolean hidden = SUPPRESSED.equals(t.path("status").asText());
                    String status = hidden ? SUPPRESSED : "TOTAL";
                    out.add(new Line(population, "_T", t.path("year").asInt(), longOrNull(t, "observed"), hidden,
                            number(t, "total"), number(t, "lower"), number(t, "upper"), level, "sum of strata",
                            status, quality(t, status), reasons(t)));
                }
            }
        });
        return out;
    }

    public static String csv(List<Line> lines) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("population", "country", "year", "observed", "observed_status", "estimate", "lower", "upper",
                "level", "model", "status", "quality", "quality_reasons"));
        for (Line l : lines) {
            rows.add(java.util.Arrays.asList(l.population(), l.country(), Integer.toString(l.year()),
                    l.observed() == null ? "" : l.observed().toString(), l.suppressed() ? "C" : "",
                    whole(l.total()), whole(l.lower()), whole(l.upper()), num(l.level()), l.model(), l.status(), l.quality(),
                    String.join("; ", l.reasons())));
        }
        return CsvWriter.text(rows);
    }

    /** SDMX-CSV 2.0: one observation per measure; NaN where a value is missing or confidential. */
    public static String sdmxCsv(List<Line> lines) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("STRUCTURE", "STRUCTURE_ID", "ACTION", "POPULATION", "REF_AREA", "TIME_PERIOD", "MEASURE",
                "OBS_VALUE", "CONF_STATUS", "OBS_STATUS", "UNIT_MEASURE", "DECIMALS", "CONF_LEVEL", "QUALITY"));
        for (Line l : lines) {
            String conf = l.suppressed() ? "C" : "F";
            row(rows, l, "OBSERVED", l.observed() == null ? null : l.observed().doubleValue(), conf, "A");
            // SDMX observation status (CL_OBS_STATUS): E estimated, U low reliability (use with caution), M missing
            String status = switch (l.quality()) {
                case "RELIABLE" -> "E";
                case "CAUTION" -> "U";
                default -> "M";
            };
            row(rows, l, "ESTIMATE", l.total(), conf, status);
            row(rows, l, "LOWER_" + Math.round(l.level() * 100), l.lower(), conf, status);
            row(rows, l, "UPPER_" + Math.round(l.level() * 100), l.upper(), conf, status);
        }
        return CsvWriter.text(rows);
    }

    private static void row(List<List<String>> rows, Line l, String measure, Double value, String conf, String obsStatus) {
        boolean estimate = !measure.equals("OBSERVED");
        rows.add(List.of("dataflow", "DARKFIGURE:MSE_ESTIMATES(1.0)", "M", l.population().toUpperCase(Locale.ROOT),
                l.country(), Integer.toString(l.year()), measure, value == null ? "NaN" : whole(value), conf,
                value == null ? "M" : obsStatus, "PS", "0", estimate ? Long.toString(Math.round(l.level() * 100)) : "",
                estimate ? l.quality() : ""));
    }

    /** People are whole: estimates and bounds rounded to the nearest person (as the charts show them). */
    private static String whole(Double d) {
        return d == null ? "" : Long.toString(Math.round(d));
    }

    private static Long longOrNull(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isNumber() ? v.asLong() : null;
    }

    private static Double number(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isNumber() ? v.asDouble() : null;
    }

    private static String num(Double d) {
        if (d == null) {
            return "";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.6g", d)).stripTrailingZeros().toPlainString();
    }
}
