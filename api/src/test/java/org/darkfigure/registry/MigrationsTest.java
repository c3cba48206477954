package org.darkfigure.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.darkfigure.api.AppConfig;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flyway's migrations on H2: once each, under a lock, and carrying over databases of the old runner. */
class MigrationsTest {

    @TempDir
    Path data;

    private static final List<String> SCRIPTS = List.of("V001__submissions_and_runs.sql", "V002__national_profiles.sql",
            "V003__refused_uploads.sql", "V004__tokens_and_audit.sql");

    @Test
    void two_servers_starting_together_migrate_once() throws Exception {
        JdbcConnectionPool pool = JdbcConnectionPool.create(AppConfig.defaultH2Url(data), "", "");
        ExecutorService two = Executors.newFixedThreadPool(2);
        List<Future<List<String>>> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            runs.add(two.submit(() -> Migrations.apply(pool)));
        }
        List<String> applied = new ArrayList<>();
        for (Future<List<String>> r : runs) {
            applied.addAll(r.get());
        }
        two.shutdown();
        applied.sort(null);
        assertEquals(SCRIPTS, applied, "every script exactly once, whichever server ran it");
        assertEquals(List.of(), Migrations.apply(pool), "a later start applies nothing");
        pool.dispose();
    }

    @Test
    void a_database_of_the_old_runner_carries_over() throws Exception {
        JdbcConnectionPool pool = JdbcConnectionPool.create(AppConfig.defaultH2Url(data), "", "");
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            // what the hand-written runner left: the four scripts applied and recorded by name
            s.execute("CREATE TABLE schema_migrations (name VARCHAR(200) PRIMARY KEY, applied_at TIMESTAMP WITH TIME ZONE)");
            for (String script : SCRIPTS) {
                try (var in = Migrations.class.getResourceAsStream("/db/migration/" + script)) {
                    for (String statement : new String(in.readAllBytes(), StandardCharsets.UTF_8).split(";\\s*\\n")) {
                        if (!statement.replaceAll("(?m)^--.*$", "").isBlank()) {
                            s.execute(statement);
                        }
                    }
                }
                s.execute("INSERT INTO schema_migrations VALUES ('" + script + "', CURRENT_TIMESTAMP)");
            }
            s.execute("INSERT INTO api_tokens (id, token_hash, role, label, created_by, created_at, expires_at) VALUES "
                    + "('tok-kept', 'h', 'admin', 'kept', 'cli', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        }
        assertEquals(List.of(), Migrations.apply(pool), "nothing is applied again");
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM api_tokens WHERE id = 'tok-kept'")) {
            assertTrue(rs.next() && rs.getInt(1) == 1, "the data are kept");
        }
        pool.dispose();
    }
}
