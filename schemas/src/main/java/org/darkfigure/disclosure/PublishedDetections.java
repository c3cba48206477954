package org.darkfigure.disclosure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A release's detection tables ({@code tables/detections.json}) as published, after disclosure control.
 * Counts of people (persons involved, dead, missing, facilitators, offenders) from 1 to threshold - 1 are
 * hidden: the value is null and the row's {@code suppressed} list names the field. Persons by route and
 * by transport mode are two breakdowns of the same total of a country and year, protected together
 * ({@link LinkedMargins}). Counts of incidents are not counts of people and are shown. Nothing else is
 * summed: no totals across countries, years or stages (the justice stages are not additive anyway), so the
 * other tables need no secondary suppression.
 */
public final class PublishedDetections {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PublishedDetections() {
    }

    public static ObjectNode publish(String releaseId, byte[] detectionsJson, int threshold) throws IOException {
        JsonNode in = JSON.readTree(detectionsJson);
        ObjectNode out = JSON.createObjectNode();
        out.put("releaseId", releaseId);
        out.put("threshold", threshold);
        TreeSet<String> countries = new TreeSet<>();
        in.fields().forEachRemaining(table -> table.getValue().forEach(row -> countries.add(row.path("country").asText())));
        out.set("countries", JSON.valueToTree(countries));
        margins(in.path("byRouteAndMode"), threshold, out.putArray("byRoute"), out.putArray("byTransportMode"));
        out.set("deathsAndMissing", primary(in.path("deathsAndMissing"), threshold, "dead", "missing"));
        out.set("facilitators", primary(in.path("facilitators"), threshold, "facilitators"));
        out.set("justiceFunnel", primary(in.path("justiceFunnel"), threshold, "offenders"));
        return out;
    }

    /** The tables of {@link #publish}, in the order of the detections page. */
    public static final List<String> TABLES = List.of("byRoute", "byTransportMode", "deathsAndMissing", "facilitators",
            "justiceFunnel");

    /**
     * The published detection tables as one tidy CSV that stands alone (issue 18, item 3): a row per table, country,
     * year, category and measure, with its value, or an empty value and status C (SDMX: confidential) where
     * disclosure control hid it; the release and the threshold on every row.
     */
    public static String csv(JsonNode published) {
        List<List<String>> rows = new java.util.ArrayList<>();
        rows.add(List.of("release_id", "table", "country", "year", "category_field", "category", "measure", "value",
                "status", "threshold"));
        String release = published.path("releaseId").asText();
        String threshold = published.path("threshold").asText();
        for (String table : TABLES) {
            for (JsonNode row : published.path(table)) {
                java.util.Set<String> hidden = new java.util.HashSet<>();
                row.path("suppressed").forEach(f -> hidden.add(f.asText()));
                String categoryField = "";
                String category = "";
                List<String> measures = new java.util.ArrayList<>();
                for (var it = row.fields(); it.hasNext(); ) {
                    var f = it.next();
                    String name = f.getKey();
                    if (name.equals("country") || name.equals("year") || name.equals("suppressed")) {
                        continue;
                    }
                    if (f.getValue().isNumber() || hidden.contains(name)) {
                        measures.add(name);
                    } else if (f.getValue().isTextual()) {
                        categoryField = name;
                        category = f.getValue().asText();
                    }
                }
                for (String measure : measures) {
                    boolean secret = hidden.contains(measure);
                    rows.add(List.of(release, table, row.path("country").asText(), row.path("year").asText(), categoryField,
                            category, measure, secret ? "" : row.path(measure).asText(), secret ? "C" : "", threshold));
                }
            }
        }
        return org.darkfigure.csv.CsvWriter.text(rows);
    }

    /** Each row as it is, with the given people counts hidden when 1 <= n < threshold. */
    private static ArrayNode primary(JsonNode rows, int threshold, String... people) {
        ArrayNode out = JSON.createArrayNode();
        for (JsonNode row : rows) {
            ObjectNode copy = row.deepCopy();
            ArrayNode suppressed = copy.putArray("suppressed");
            for (String field : people) {
                long n = row.path(field).asLong();
                if (n >= 1 && n < threshold) {
                    copy.putNull(field);
                    suppressed.add(field);
                }
            }
            out.add(copy);
        }
        return out;
    }

    /** The route and transport-mode margins of each country and year, protected together. */
    private static void margins(JsonNode cells, int threshold, ArrayNode byRoute, ArrayNode byMode) {
        Map<String, List<JsonNode>> byCountryYear = new TreeMap<>();
        for (JsonNode cell : cells) {
            byCountryYear.computeIfAbsent(cell.path("country").asText() + "|" + cell.path("year").asInt(),
                    k -> new java.util.ArrayList<>()).add(cell);
        }
        for (List<JsonNode> group : byCountryYear.values()) {
            String country = group.get(0).path("country").asText();
            int year = group.get(0).path("year").asInt();
            Map<String, Map<String, Long>> persons = new TreeMap<>();
            Map<String, Long> routeIncidents = new TreeMap<>();
            Map<String, Long> modeIncidents = new TreeMap<>();
            for (JsonNode cell : group) {
                String route = cell.path("route").asText();
                String mode = cell.path("transportMode").asText();
                persons.computeIfAbsent(route, k -> new LinkedHashMap<>()).merge(mode, cell.path("persons").asLong(), Long::sum);
                routeIncidents.merge(route, cell.path("incidents").asLong(), Long::sum);
                modeIncidents.merge(mode, cell.path("incidents").asLong(), Long::sum);
            }
            LinkedMargins.Pattern pattern = LinkedMargins.suppress(persons, threshold);
            pattern.rows().forEach((route, n) -> byRoute.add(marginRow(country, year, "route", route,
                    routeIncidents.get(route), n, pattern.hiddenRows().contains(route))));
            pattern.columns().forEach((mode, n) -> byMode.add(marginRow(country, year, "transportMode", mode,
                    modeIncidents.get(mode), n, pattern.hiddenColumns().contains(mode))));
        }
    }

    private static ObjectNode marginRow(String country, int year, String categoryField, String category, long incidents,
                                        long persons, boolean hidden) {
        ObjectNode row = JSON.createObjectNode();
        row.put("country", country);
        row.put("year", year);
        row.put(categoryField, category);
        row.put("incidents", incidents);
        ArrayNode suppressed = JSON.createArrayNode();
        if (hidden) {
            row.putNull("persons");
            suppressed.add("persons");
        } else {
            row.put("persons", persons);
        }
        row.set("suppressed", suppressed);
        return row;
    }
}
