package org.darkfigure.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.darkfigure.web.WebJars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAPI description covers every registered route, and Swagger UI is served from its WebJar. */
class ApiDocsTest {

    @Test
    void every_route_is_described_and_swagger_ui_loads_from_its_webjar(@TempDir Path data) throws Exception {
        try (TestServer server = new TestServer(data)) {
            assertEquals(List.of(), ApiDocs.undocumented(server.app), "routes without a catalogue entry");
            HttpResponse<String> doc = server.http.send(HttpRequest.newBuilder(URI.create(server.url("/api/docs/openapi.json")))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, doc.statusCode());
            JsonNode openApi = new ObjectMapper().readTree(doc.body());
            assertEquals("3.0.3", openApi.path("openapi").asText());
            JsonNode upload = openApi.path("paths").path("/api/v1/submissions").path("post");
            assertEquals("submitter", upload.path("x-roles").get(0).asText());
            assertTrue(upload.path("parameters").toString().contains("\"name\":\"country\""), upload.toString());
            assertEquals(0, openApi.path("paths").path("/api/v1/standard").path("get").path("security").size(), "public");
            assertEquals("id", openApi.path("paths").path("/api/v1/runs/{id}").path("get").path("parameters").get(0)
                    .path("name").asText());

            String page = server.http.send(HttpRequest.newBuilder(URI.create(server.url("/api/docs"))).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(page.contains(WebJars.SWAGGER_UI + "/swagger-ui-bundle.js") && !page.contains("<script>"), page);
            for (String asset : List.of(WebJars.SWAGGER_UI + "/swagger-ui-bundle.js", WebJars.SWAGGER_UI + "/swagger-ui.css",
                    "/assets/api-docs.js")) {
                assertEquals(200, server.http.send(HttpRequest.newBuilder(URI.create(server.url(asset))).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode(), asset);
            }
        }
    }
}
