package org.darkfigure.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationsTest {

    @Test
    void scripts_split_into_statements_without_comments() {
        assertEquals(List.of("CREATE TABLE a (x INT)", "CREATE INDEX i ON a (x)"),
                Migrations.statements("-- comment\nCREATE TABLE a (x INT);\n\nCREATE INDEX i ON a (x);\n"));
    }
}
