package org.darkfigure.registry;

/** The registry contract on PostgreSQL (the server .ci/prepare installs and starts). */
class PostgresRegistryTest extends RegistryContract {

    @Override
    String emptyDatabaseUrl() throws Exception {
        return TestDatabases.freshPostgresUrl();
    }
}
