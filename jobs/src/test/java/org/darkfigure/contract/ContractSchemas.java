package org.darkfigure.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON Schemas of the files several languages read ({@code schemas/src/main/resources/org/darkfigure/contract/}:
 * estimates, run and release manifests, researcher datasets), as a validator: the problems of a document.
 */
public final class ContractSchemas {

    public static final String BASE = "https://darkfigure.example/contract/";
    public static final List<String> NAMES = List.of("estimates", "run-manifest", "release-manifest", "datasets");
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            b -> b.schemas(texts()));

    private ContractSchemas() {
    }

    private static Map<String, String> texts() {
        Map<String, String> m = new TreeMap<>();
        for (String name : NAMES) {
            try (InputStream in = ContractSchemas.class.getResourceAsStream("/org/darkfigure/contract/" + name + ".schema.json")) {
                m.put(BASE + name + ".schema.json", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return m;
    }

    /** What is wrong with {@code document} by the schema {@code name} (empty when it conforms). */
    public static List<String> problems(String name, JsonNode document) {
        Schema schema = REGISTRY.getSchema(SchemaLocation.of(BASE + name + ".schema.json"));
        return schema.validate(document).stream().map(Object::toString).toList();
    }
}
