package org.darkfigure.registry;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.darkfigure.api.AppConfig;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The registry databases tests run against: embedded H2 in a temporary folder, and PostgreSQL when
 * {@code .ci/prepare} has started one ({@code DARKFIGURE_TEST_PG_URL}). Each PostgreSQL test gets a schema
 * of its own, so tests never see each other's rows. Where {@code DARKFIGURE_TEST_REQUIRE} names
 * {@code postgres} (as in CI), a missing server fails the test instead of skipping it.
 */
public final class TestDatabases {

    public static final String PG_URL = "DARKFIGURE_TEST_PG_URL";

    private TestDatabases() {
    }

    public static String h2Url(Path dir) {
        return AppConfig.defaultH2Url(dir);
    }

    /** A JDBC URL of a fresh, empty PostgreSQL schema; skips (or fails, in CI) without a server. */
    public static String freshPostgresUrl() throws Exception {
        String base = System.getenv(PG_URL);
        if (base == null || base.isBlank()) {
            String required = System.getenv().getOrDefault("DARKFIGURE_TEST_REQUIRE", "");
            if (required.contains("postgres")) {
                Assertions.fail(PG_URL + " is not set although PostgreSQL is required here: "
                        + ".ci/prepare could not install or start it (see its messages above the Maven output)");
            }
            Assumptions.abort("no PostgreSQL server (run the tests through ./darkfigure test to start one)");
        }
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }
}
