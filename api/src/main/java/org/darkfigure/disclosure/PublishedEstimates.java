package org.darkfigure.disclosure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * A release's estimates as published tables, after disclosure control: observed counts per country and year
 * under the threshold rule with secondary suppression (the yearly totals across countries are published, so
 * they are the margins), estimates and intervals only for strata observed at least {@code threshold} times,
 * no capture-history counts. As CSV and as SDMX-CSV 2.0 (long format, CONF_STATUS C = confidential).
 */
public final class PublishedEstimates {

    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String TOO_FEW = "TOO_FEW_OBSERVATIONS";

    private PublishedEstimates() {
    }

    /** One published stratum (population x country x year), or a yearly total (country "_T"). */
    public record Line(String population, String country, int year, Long observed, boolean suppressed, Double total,
                       Double lower, Double upper, double level, String model, String status) {
    }

    public static List<Line> lines(byte[] estimatesJson, int threshold) throws IOException {
        JsonNode root = JSON.readTree(estimatesJson);
        double level = root.path("level").asDouble(0.95);
        List<JsonNode> strata = new ArrayList<>();
        root.path("strata").forEach(s -> {
            if ("all".equals(s.path("stratum").asText("all"))) {
                strata.add(s);
            }
        });
        List<Line> out = new ArrayList<>();
        for (String population : new TreeSet<>(strata.stream().map(s -> s.path("population").asText()).toList())) {
            List<JsonNode> of = strata.stream().filter(s -> s.path("population").asText().equals(population)).toList();
            List<String> countries = new ArrayList<>(new TreeSet<>(of.stream().map(s -> s.path("country").asText()).toList()));
            List<Integer> years = new ArrayList<>(new TreeSet<>(of.stream().map(s -> s.path("year").asInt()).toList()));
            long[][] counts = new long[countries.size()][years.size()];
            for (JsonNode s : of) {
                counts[countries.indexOf(s.path("country").asText())][years.indexOf(s.path("year").asInt())] =
                        s.path("observed").asLong();
            }
            CellSuppression.Pattern pattern = CellSuppression.suppress(counts, threshold);
            for (JsonNode s : of) {
                int r = countries.indexOf(s.path("country").asText());
                int c = years.indexOf(s.path("year").asInt());
                long observed = s.path("observed").asLong();
                boolean hidden = pattern.hidden(r, c);
                JsonNode e = s.path("estimate");
                boolean tooFew = observed < threshold;
                out.add(new Line(population, s.path("country").asText(), s.path("year").asInt(), hidden ? null : observed,
                        hidden, tooFew ? null : number(e, "total"), tooFew ? null : number(e, "lower"),
                        tooFew ? null : number(e, "upper"), level, tooFew ? null : e.path("model").asText(null),
                        tooFew ? TOO_FEW : e.path("status").asText()));
            }
            for (JsonNode t : root.path("totals")) {
                if (t.path("population").asText().equals(population)) {
                    out.add(new Line(population, "_T", t.path("year").asInt(), t.path("observed").asLong(), false,
                            number(t, "total"), number(t, "lower"), number(t, "upper"), level, "sum of strata", "TOTAL"));
                }
            }
        }
        return out;
    }

    public static String csv(List<Line> lines) {
        StringBuilder out = new StringBuilder("population,country,year,observed,observed_status,estimate,lower,upper,level,model,status\r\n");
        for (Line l : lines) {
            out.append(String.join(",", l.population(), l.country(), Integer.toString(l.year()),
                    l.observed() == null ? "" : l.observed().toString(), l.suppressed() ? "C" : "",
                    num(l.total()), num(l.lower()), num(l.upper()), num(l.level()), quote(l.model()), l.status())).append("\r\n");
        }
        return out.toString();
    }

    /** SDMX-CSV 2.0: one observation per measure; NaN where a value is missing or confidential. */
    public static String sdmxCsv(List<Line> lines) {
        StringBuilder out = new StringBuilder(
                "STRUCTURE,STRUCTURE_ID,ACTION,POPULATION,REF_AREA,TIME_PERIOD,MEASURE,OBS_VALUE,CONF_STATUS,OBS_STATUS\r\n");
        for (Line l : lines) {
            row(out, l, "OBSERVED", l.observed() == null ? null : l.observed().doubleValue(), l.suppressed() ? "C" : "F");
            String status = l.status().equals(TOO_FEW) ? "M" : "A";
            row(out, l, "ESTIMATE", l.total(), "F", status);
            row(out, l, "LOWER_" + Math.round(l.level() * 100), l.lower(), "F", status);
            row(out, l, "UPPER_" + Math.round(l.level() * 100), l.upper(), "F", status);
        }
        return out.toString();
    }

    private static void row(StringBuilder out, Line l, String measure, Double value, String conf) {
        row(out, l, measure, value, conf, value == null ? "M" : "A");
    }

    private static void row(StringBuilder out, Line l, String measure, Double value, String conf, String obsStatus) {
        out.append("dataflow,DARKFIGURE:MSE_ESTIMATES(1.0),M,").append(l.population().toUpperCase(Locale.ROOT)).append(',')
                .append(l.country()).append(',').append(l.year()).append(',').append(measure).append(',')
                .append(value == null ? "NaN" : num(value)).append(',').append(conf).append(',')
                .append(value == null ? "M" : obsStatus).append("\r\n");
    }

    /**
     * The estimates JSON as a viewer may read it: no capture-history counts or list sizes (microdata in disguise),
     * no model comparison or goodness of fit (the stratum page's, for researchers), and strata observed fewer than {@code threshold} times without their numbers.
     */
    public static byte[] forViewers(byte[] estimatesJson, int threshold) throws IOException {
        JsonNode root = JSON.readTree(estimatesJson);
        for (JsonNode s : root.path("strata")) {
            ObjectNode stratum = (ObjectNode) s;
            stratum.remove("patternCounts");
            stratum.remove("listSizes");
            // The model comparison is for the stratum page (researchers); the charts need the chosen estimate, and
            // without it a 1,000-stratum release is 5 times smaller for every viewer.
            stratum.remove("candidates");
            stratum.remove("setAside");
            stratum.remove("diagnostics");
            stratum.remove("selection");
            stratum.remove("modelsSearched");
            long observed = s.path("observed").asLong();
            if (observed >= 1 && observed < threshold) {
                stratum.putNull("observed");
                ObjectNode e = (ObjectNode) s.path("estimate");
                for (String f : List.of("total", "stderr", "lower", "upper")) {
                    e.putNull(f);
                }
                e.put("status", TOO_FEW);
                stratum.remove("linkageSensitivity");
                stratum.remove("candidates");
            }
        }
        return JSON.writeValueAsBytes(root);
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

    private static String quote(String s) {
        if (s == null) {
            return "";
        }
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
