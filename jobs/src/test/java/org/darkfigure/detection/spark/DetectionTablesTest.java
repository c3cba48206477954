package org.darkfigure.detection.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.darkfigure.detection.DetectionCounts.Deaths;
import org.darkfigure.detection.DetectionCounts.Facilitators;
import org.darkfigure.detection.DetectionCounts.RouteAndMode;
import org.darkfigure.detection.DetectionCounts.Stage;
import org.darkfigure.detection.DetectionCounts;
import org.darkfigure.spark.SparkSessions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The detection tables on a handful of harmonised records whose counts are worked out by hand below.
 *
 * <pre>
 * incidents   country year route          mode persons dead missing facilitators
 *   1         IDN     2023 TIMOR_SEA      SEA    30     2     3       2
 *   2         IDN     2023 TIMOR_SEA      SEA    12     0     0       0
 *   3         IDN     2023 AIR_TRANSIT    AIR     2     0     0       1
 *   4         IDN     2023 (none)         (none) (none) (none)(none)  (none)
 *   5         IDN     2024 MALACCA_STRAIT SEA     8     1     0       1
 *   6         MYS     2023 MEKONG_LAND    LAND    5     0     0       0
 * offenders   key  country year stage      source
 *             k1   IDN     2023 SUSPECTED  IDN-POLICE
 *             k1   IDN     2023 ARRESTED   IDN-POLICE
 *             k1   IDN     2023 SUSPECTED  IDN-COASTGUARD   (the same person: counts once)
 *             k2   IDN     2023 SUSPECTED  IDN-POLICE
 *             -    IDN     2023 SUSPECTED  IDN-POLICE r9    (no key: a person of its own)
 *             -    IDN     2023 SUSPECTED  IDN-POLICE r10
 *             k1   IDN     2024 PROSECUTED IDN-PROSECUTION
 * </pre>
 */
@Tag("spark")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DetectionTablesTest {

    private SparkSession spark;
    private DetectionCounts counts;

    @BeforeAll
    void countTheExample() {
        spark = SparkSessions.start("local[2]", "detection-tables-test", 2);
        StructType incident = new StructType().add("reporting_country", DataTypes.StringType).add("year", DataTypes.IntegerType)
                .add("route", DataTypes.StringType).add("transport_mode", DataTypes.StringType)
                .add("persons_involved", DataTypes.IntegerType).add("dead", DataTypes.IntegerType)
                .add("missing", DataTypes.IntegerType).add("facilitators_detected", DataTypes.IntegerType);
        Dataset<Row> incidents = spark.createDataFrame(Arrays.asList(
                RowFactory.create("IDN", 2023, "TIMOR_SEA", "SEA", 30, 2, 3, 2),
                RowFactory.create("IDN", 2023, "TIMOR_SEA", "SEA", 12, 0, 0, 0),
                RowFactory.create("IDN", 2023, "AIR_TRANSIT", "AIR", 2, 0, 0, 1),
                RowFactory.create("IDN", 2023, null, null, null, null, null, null),
                RowFactory.create("IDN", 2024, "MALACCA_STRAIT", "SEA", 8, 1, 0, 1),
                RowFactory.create("MYS", 2023, "MEKONG_LAND", "LAND", 5, 0, 0, 0)), incident);
        StructType offender = new StructType().add("offender_record_id", DataTypes.StringType)
                .add("source_id", DataTypes.StringType).add("reporting_country", DataTypes.StringType)
                .add("year", DataTypes.IntegerType).add("cj_stage", DataTypes.StringType).add("offender_key", DataTypes.StringType);
        Dataset<Row> offenders = spark.createDataFrame(Arrays.asList(
                RowFactory.create("r1", "IDN-POLICE", "IDN", 2023, "SUSPECTED", "k1"),
                RowFactory.create("r2", "IDN-POLICE", "IDN", 2023, "ARRESTED", "k1"),
                RowFactory.create("r1", "IDN-COASTGUARD", "IDN", 2023, "SUSPECTED", "k1"),
                RowFactory.create("r3", "IDN-POLICE", "IDN", 2023, "SUSPECTED", "k2"),
                RowFactory.create("r9", "IDN-POLICE", "IDN", 2023, "SUSPECTED", null),
                RowFactory.create("r10", "IDN-POLICE", "IDN", 2023, "SUSPECTED", null),
                RowFactory.create("p1", "IDN-PROSECUTION", "IDN", 2024, "PROSECUTED", "k1")), offender);
        counts = DetectionTables.tables(incidents, offenders);
    }

    @AfterAll
    void stop() {
        spark.stop();
    }

    @Test
    void incidents_and_persons_by_route_and_mode_count_a_missing_route_or_mode_as_unknown() {
        assertEquals(List.of(
                new RouteAndMode("IDN", 2023, "AIR_TRANSIT", "AIR", 1, 2),
                new RouteAndMode("IDN", 2023, "TIMOR_SEA", "SEA", 2, 42),
                new RouteAndMode("IDN", 2023, "UNK", "UNK", 1, 0),
                new RouteAndMode("IDN", 2024, "MALACCA_STRAIT", "SEA", 1, 8),
                new RouteAndMode("MYS", 2023, "MEKONG_LAND", "LAND", 1, 5)), counts.byRouteAndMode());
    }

    @Test
    void deaths_and_missing_and_the_facilitators_per_country_and_year() {
        assertEquals(List.of(new Deaths("IDN", 2023, 1, 2, 3), new Deaths("IDN", 2024, 1, 1, 0),
                new Deaths("MYS", 2023, 0, 0, 0)), counts.deaths());
        assertEquals(List.of(new Facilitators("IDN", 2023, 2, 3), new Facilitators("IDN", 2024, 1, 1),
                new Facilitators("MYS", 2023, 0, 0)), counts.facilitators());
    }

    @Test
    void the_justice_funnel_counts_distinct_people_per_stage_in_the_code_lists_order() {
        assertEquals(List.of(new Stage("IDN", 2023, "SUSPECTED", 4), new Stage("IDN", 2023, "ARRESTED", 1),
                new Stage("IDN", 2024, "PROSECUTED", 1)), counts.justiceFunnel());
    }

    @Test
    void the_json_names_every_count() throws Exception {
        JsonNode json = new ObjectMapper().readTree(counts.toJson());
        assertEquals("{\"country\":\"IDN\",\"year\":2023,\"route\":\"TIMOR_SEA\",\"transportMode\":\"SEA\","
                + "\"incidents\":2,\"persons\":42}", json.path("byRouteAndMode").get(1).toString());
        assertEquals("{\"country\":\"IDN\",\"year\":2023,\"incidents\":1,\"dead\":2,\"missing\":3}",
                json.path("deathsAndMissing").get(0).toString());
        assertEquals("{\"country\":\"IDN\",\"year\":2023,\"incidents\":2,\"facilitators\":3}",
                json.path("facilitators").get(0).toString());
        assertEquals("{\"country\":\"IDN\",\"year\":2023,\"stage\":\"SUSPECTED\",\"offenders\":4}",
                json.path("justiceFunnel").get(0).toString());
    }

    @Test
    void a_release_without_incidents_or_offenders_has_empty_tables() throws Exception {
        assertEquals(DetectionCounts.empty(), DetectionTables.tables(null, null));
        JsonNode json = new ObjectMapper().readTree(DetectionCounts.empty().toJson());
        assertTrue(json.path("byRouteAndMode").isArray() && json.path("byRouteAndMode").isEmpty());
    }
}
