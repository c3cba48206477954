package org.darkfigure.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.darkfigure.api.AppConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {

    @Test
    void a_new_database_gets_every_migration_once(@TempDir Path dir) throws Exception {
        String url = AppConfig.defaultH2Url(dir);
        try (Database db = Database.open(url, null, null)) {
            assertTrue(new SubmissionRegistry(db.dataSource()).all().isEmpty());
        }
        try (Database db = Database.open(url, null, null)) {
            assertEquals(List.of(), Migrations.apply(db.dataSource()), "already applied");
        }
    }

    @Test
    void scripts_split_into_statements_without_comments() {
        assertEquals(List.of("CREATE TABLE a (x INT)", "CREATE INDEX i ON a (x)"),
                Migrations.statements("-- comment\nCREATE TABLE a (x INT);\n\nCREATE INDEX i ON a (x);\n"));
    }
}
