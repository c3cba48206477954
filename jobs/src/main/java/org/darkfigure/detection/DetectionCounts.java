package org.darkfigure.detection;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the agencies detected, per reporting country and year, as the release's {@code tables/detections.json}:
 * counts only, before disclosure control (the API applies it when it serves them). Plain Java, so the
 * tables can be checked by hand; {@code spark.DetectionTables} fills them from the harmonised records.
 *
 * @param byRouteAndMode  incidents and persons involved per smuggling route and mode of transport (the API
 *                        publishes the two margins, by route and by mode, and protects them together)
 * @param deaths          incidents with anyone dead or missing, the dead and the missing
 * @param facilitators    incidents in which facilitators were detected, and how many
 * @param justiceFunnel   distinct offenders at each criminal-justice stage
 */
public record DetectionCounts(List<RouteAndMode> byRouteAndMode, List<Deaths> deaths,
                              List<Facilitators> facilitators, List<Stage> justiceFunnel) {

    /** The category of incidents whose route or transport mode was not recorded. */
    public static final String UNKNOWN = "UNK";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public DetectionCounts {
        byRouteAndMode = List.copyOf(byRouteAndMode);
        deaths = List.copyOf(deaths);
        facilitators = List.copyOf(facilitators);
        justiceFunnel = List.copyOf(justiceFunnel);
    }

    /** Incidents on one route by one mode of transport, and everyone involved in them. */
    public record RouteAndMode(String country, int year, String route, String transportMode, long incidents,
                               long persons) {
    }

    public record Deaths(String country, int year, long incidents, long dead, long missing) {
    }

    public record Facilitators(String country, int year, long incidents, long facilitators) {
    }

    public record Stage(String country, int year, String stage, long offenders) {
    }

    public static DetectionCounts empty() {
        return new DetectionCounts(List.of(), List.of(), List.of(), List.of());
    }

    /** The JSON file; field names say what each count is of. */
    public byte[] toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("byRouteAndMode", byRouteAndMode.stream().map(b -> row(b.country(), b.year(), "route", b.route(),
                "transportMode", b.transportMode(), "incidents", b.incidents(), "persons", b.persons())).toList());
        root.put("deathsAndMissing", deaths.stream().map(d -> row(d.country(), d.year(), "incidents", d.incidents(),
                "dead", d.dead(), "missing", d.missing())).toList());
        root.put("facilitators", facilitators.stream().map(f -> row(f.country(), f.year(), "incidents", f.incidents(),
                "facilitators", f.facilitators())).toList());
        root.put("justiceFunnel", justiceFunnel.stream().map(s -> row(s.country(), s.year(), "stage", s.stage(),
                "offenders", s.offenders())).toList());
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> row(String country, int year, Object... namesAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("country", country);
        row.put("year", year);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            row.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return row;
    }
}
