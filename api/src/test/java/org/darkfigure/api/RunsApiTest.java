package org.darkfigure.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run with a parameter it cannot use is refused before it starts, naming the parameter. */
@Tag("process")
class RunsApiTest {

    @Test
    void bad_run_parameters_are_400_and_start_nothing(@TempDir Path data) throws Exception {
        try (TestServer server = new TestServer(data)) {
            HttpResponse<String> r = server.post("/api/v1/runs?linkThreshold=1.5&seed=12", new byte[0]);
            assertEquals(400, r.statusCode(), r.body());
            assertTrue(r.body().contains("linkThreshold=1.5: expected a number between 0.0 and 1.0"), r.body());
            assertTrue(server.services.runs().all().isEmpty());
        }
    }
}
