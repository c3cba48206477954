package org.darkfigure.registry;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The registry contract on the embedded H2 default. */
class H2RegistryTest extends RegistryContract {

    @TempDir
    Path dir;

    @Override
    String emptyDatabaseUrl() throws Exception {
        return TestDatabases.h2Url(Files.createTempDirectory(dir, "db"));
    }
}
