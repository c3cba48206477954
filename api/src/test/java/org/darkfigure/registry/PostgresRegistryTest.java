package org.darkfigure.registry;

import org.junit.jupiter.api.Tag;

/** The registry contract on PostgreSQL (the server .ci/prepare installs and starts). */
@Tag("postgres")
class PostgresRegistryTest extends RegistryContract {

    @Override
    String emptyDatabaseUrl() throws Exception {
        return TestDatabases.freshPostgresUrl();
    }
}
