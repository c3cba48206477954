package org.darkfigure.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The detection tables as published (T = 5); expected rows worked out by hand. */
class PublishedDetectionsTest {

    private static final String TABLES = """
            {"byRouteAndMode": [
               {"country": "IDN", "year": 2023, "route": "AIR_TRANSIT", "transportMode": "AIR", "incidents": 9, "persons": 20},
               {"country": "IDN", "year": 2023, "route": "MALACCA_STRAIT", "transportMode": "SEA", "incidents": 4, "persons": 50},
               {"country": "IDN", "year": 2023, "route": "TIMOR_SEA", "transportMode": "SEA", "incidents": 1, "persons": 3}],
             "deathsAndMissing": [{"country": "IDN", "year": 2023, "incidents": 1, "dead": 0, "missing": 4}],
             "facilitators": [{"country": "MYS", "year": 2023, "incidents": 3, "facilitators": 5}],
             "justiceFunnel": [{"country": "IDN", "year": 2023, "stage": "SUSPECTED", "offenders": 5},
                               {"country": "IDN", "year": 2023, "stage": "CONVICTED", "offenders": 1}]}
            """;

    private final ObjectNode published = publish();

    private static ObjectNode publish() {
        try {
            return PublishedDetections.publish("r1", TABLES.getBytes(StandardCharsets.UTF_8), 5);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void routes_and_modes_are_margins_protected_together() {
        // TIMOR_SEA 3 is primary; SEA 53 = TIMOR + MALACCA would give it away, so MALACCA 50 is hidden too
        assertEquals("[{\"country\":\"IDN\",\"year\":2023,\"route\":\"AIR_TRANSIT\",\"incidents\":9,\"persons\":20,\"suppressed\":[]},"
                + "{\"country\":\"IDN\",\"year\":2023,\"route\":\"MALACCA_STRAIT\",\"incidents\":4,\"persons\":null,\"suppressed\":[\"persons\"]},"
                + "{\"country\":\"IDN\",\"year\":2023,\"route\":\"TIMOR_SEA\",\"incidents\":1,\"persons\":null,\"suppressed\":[\"persons\"]}]",
                published.path("byRoute").toString());
        assertEquals("[{\"country\":\"IDN\",\"year\":2023,\"transportMode\":\"AIR\",\"incidents\":9,\"persons\":20,\"suppressed\":[]},"
                + "{\"country\":\"IDN\",\"year\":2023,\"transportMode\":\"SEA\",\"incidents\":5,\"persons\":53,\"suppressed\":[]}]",
                published.path("byTransportMode").toString());
    }

    @Test
    void small_counts_of_people_are_null_and_named_zeros_and_counts_at_the_threshold_are_shown() {
        assertEquals("[{\"country\":\"IDN\",\"year\":2023,\"incidents\":1,\"dead\":0,\"missing\":null,\"suppressed\":[\"missing\"]}]",
                published.path("deathsAndMissing").toString());
        assertEquals("[{\"country\":\"MYS\",\"year\":2023,\"incidents\":3,\"facilitators\":5,\"suppressed\":[]}]",
                published.path("facilitators").toString());
        assertEquals("[{\"country\":\"IDN\",\"year\":2023,\"stage\":\"SUSPECTED\",\"offenders\":5,\"suppressed\":[]},"
                + "{\"country\":\"IDN\",\"year\":2023,\"stage\":\"CONVICTED\",\"offenders\":null,\"suppressed\":[\"offenders\"]}]",
                published.path("justiceFunnel").toString());
    }

    @Test
    void the_hidden_values_appear_nowhere_and_the_release_and_countries_are_named() {
        String all = published.toString();
        assertFalse(all.contains("\"persons\":3") || all.contains("\"persons\":50") || all.contains("\"missing\":4")
                || all.contains("\"offenders\":1"), all);
        assertEquals("r1", published.path("releaseId").asText());
        assertEquals(5, published.path("threshold").asInt());
        assertEquals("[\"IDN\",\"MYS\"]", published.path("countries").toString());
    }

    @Test
    void the_tidy_csv_has_a_row_per_value_and_marks_hidden_ones_c_never_0() {
        String csv = PublishedDetections.csv(published);
        assertEquals("""
                release_id,table,country,year,category_field,category,measure,value,status,threshold\r
                r1,byRoute,IDN,2023,route,AIR_TRANSIT,incidents,9,,5\r
                r1,byRoute,IDN,2023,route,AIR_TRANSIT,persons,20,,5\r
                r1,byRoute,IDN,2023,route,MALACCA_STRAIT,incidents,4,,5\r
                r1,byRoute,IDN,2023,route,MALACCA_STRAIT,persons,,C,5\r
                r1,byRoute,IDN,2023,route,TIMOR_SEA,incidents,1,,5\r
                r1,byRoute,IDN,2023,route,TIMOR_SEA,persons,,C,5\r
                r1,byTransportMode,IDN,2023,transportMode,AIR,incidents,9,,5\r
                r1,byTransportMode,IDN,2023,transportMode,AIR,persons,20,,5\r
                r1,byTransportMode,IDN,2023,transportMode,SEA,incidents,5,,5\r
                r1,byTransportMode,IDN,2023,transportMode,SEA,persons,53,,5\r
                r1,deathsAndMissing,IDN,2023,,,incidents,1,,5\r
                r1,deathsAndMissing,IDN,2023,,,dead,0,,5\r
                r1,deathsAndMissing,IDN,2023,,,missing,,C,5\r
                r1,facilitators,MYS,2023,,,incidents,3,,5\r
                r1,facilitators,MYS,2023,,,facilitators,5,,5\r
                r1,justiceFunnel,IDN,2023,stage,SUSPECTED,offenders,5,,5\r
                r1,justiceFunnel,IDN,2023,stage,CONVICTED,offenders,,C,5\r
                """, csv);
    }
}
