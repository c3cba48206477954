package org.darkfigure.registry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Versioned schema migrations from {@code db/migration/}, listed in order in {@code db/migrations.txt}.
 * Each runs once, in its own transaction, and is recorded in {@code schema_migrations}.
 */
public final class Migrations {

    private Migrations() {
    }

    /** Applies the pending migrations; returns the names applied now. */
    public static List<String> apply(DataSource dataSource) throws SQLException {
        List<String> applied = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name VARCHAR(200) PRIMARY KEY, "
                        + "applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
            }
            Set<String> done = new HashSet<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT name FROM schema_migrations")) {
                while (rs.next()) {
                    done.add(rs.getString(1));
                }
            }
            c.setAutoCommit(false);
            for (String name : list()) {
                if (done.contains(name)) {
                    continue;
                }
                try (Statement s = c.createStatement()) {
                    for (String statement : statements(read("/db/migration/" + name))) {
                        s.execute(statement);
                    }
                    try (PreparedStatement p = c.prepareStatement(
                            "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)")) {
                        p.setString(1, name);
                        p.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
                        p.executeUpdate();
                    }
                    c.commit();
                    applied.add(name);
                } catch (SQLException e) {
                    c.rollback();
                    throw new SQLException("migration " + name + " failed: " + e.getMessage(), e);
                }
            }
        }
        return applied;
    }

    static List<String> list() {
        return read("/db/migrations.txt").lines().map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    /** Splits a script on semicolons at line ends; comments are dropped. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.lines().toList()) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String statement = current.toString().strip();
                out.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }

    private static String read(String resource) {
        try (InputStream in = Migrations.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing migration resource " + resource);
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .reduce("", (a, b) -> a + b + "\n");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }
}
