package org.darkfigure.registry;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The registry's schema, migrated by Flyway from {@code db/migration/} (V001__..., one version a file; never
 * edit an applied one, add a new one): each script once, in its own transaction, recorded with its checksum
 * in {@code flyway_schema_history} (a changed applied script stops the server), under Flyway's lock and, for
 * servers in one JVM, a lock of this class, so two servers starting together cannot both migrate.
 *
 * <p>Databases migrated by the hand-written runner this replaced (table {@code schema_migrations}) carry
 * over: Flyway is baselined at the newest version that runner applied, and only later scripts run.
 */
public final class Migrations {

    static final String LEGACY_TABLE = "schema_migrations";

    private Migrations() {
    }

    /** Servers in one JVM migrate one at a time (Flyway's H2 lock does not cover creating its history table). */
    private static final Object LOCK = new Object();

    /**
     * Applies the pending migrations; returns the scripts applied now. A failure is tried once more: another
     * process sharing an H2 file (AUTO_SERVER: the CLI beside the server) may have migrated in the same moment, and
     * the second attempt then finds every version applied and checks them (CI saw the two-servers test race on H2).
     */
    public static List<String> apply(DataSource dataSource) throws SQLException {
        synchronized (LOCK) {
            try {
                return applyOnce(dataSource);
            } catch (SQLException first) {
                try {
                    return applyOnce(dataSource);
                } catch (SQLException second) {
                    second.addSuppressed(first);
                    throw second;
                }
            }
        }
    }

    private static List<String> applyOnce(DataSource dataSource) throws SQLException {
        var config = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                .validateMigrationNaming(true).loggers("slf4j");
        Optional<String> legacy = legacyVersion(dataSource);
        if (legacy.isPresent()) {
            // (no apostrophe in the description: Flyway 13 then writes no baseline row on H2, and says nothing)
            config = config.baselineVersion(legacy.get()).baselineDescription("migrated by the runner before Flyway");
        }
        try {
            Flyway flyway = config.load();
            if (legacy.isPresent()) {
                flyway.baseline();
            }
            MigrateResult result = flyway.migrate();
            return result.migrations.stream().map(m -> m.filepath.substring(m.filepath.lastIndexOf('/') + 1)).toList();
        } catch (FlywayException e) {
            throw new SQLException("the registry's schema could not be migrated: " + e.getMessage(), e);
        }
    }

    /** The newest version the old runner applied ("4" for V004__...), if the database was made by it. */
    static Optional<String> legacyVersion(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!hasTable(c, LEGACY_TABLE) || hasTable(c, "flyway_schema_history")) {
                return Optional.empty();
            }
            int newest = 0;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT name FROM " + LEGACY_TABLE)) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    if (name.matches("V\\d+__.*")) {
                        newest = Math.max(newest, Integer.parseInt(name.substring(1, name.indexOf("__"))));
                    }
                }
            }
            return newest == 0 ? Optional.empty() : Optional.of(Integer.toString(newest));
        }
    }

    private static boolean hasTable(Connection c, String table) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        for (String name : new String[] {table, table.toUpperCase(java.util.Locale.ROOT)}) {
            // in this connection's schema only (a PostgreSQL server holds other schemas); any table type: H2 2 says "BASE TABLE"
            try (ResultSet rs = meta.getTables(c.getCatalog(), c.getSchema(), name, null)) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }
}
