package org.darkfigure.codebook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.darkfigure.codes.CodeList;
import org.darkfigure.standard.FieldSpec;
import org.darkfigure.standard.RecordType;
import org.darkfigure.standard.Standard;

/**
 * A JSON Schema (draft 2020-12) for one record of a record type, as a JSON Lines upload line holds
 * it. Derived from the standard; cross-field rules are described, not encoded.
 */
public final class JsonSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonSchemas() {
    }

    public static ObjectNode of(Standard standard, RecordType type) {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$id", "urn:darkfigure:standard:" + type.name() + ":v" + type.version());
        root.put("title", type.title() + " (" + type.label() + ")");
        root.put("description", type.description());
        root.put("type", "object");
        ObjectNode properties = root.putObject("properties");
        ArrayNode required = root.putArray("required");
        for (FieldSpec f : type.fields()) {
            ObjectNode p = properties.putObject(f.name());
            p.put("description", f.description());
            ArrayNode types = p.putArray("type");
            switch (f.type()) {
                case STRING, CODE, DATE -> types.add("string");
                case INTEGER -> types.add("integer");
                case DECIMAL -> types.add("number");
            }
            if (!f.required()) {
                types.add("null");
            }
            if (f.type() == org.darkfigure.standard.FieldType.DATE) {
                p.put("format", "date");
            }
            f.maxLength().ifPresent(n -> p.put("maxLength", n));
            f.pattern().ifPresent(r -> p.put("pattern", "^(?:" + r.pattern() + ")$"));
            f.min().ifPresent(n -> p.put("minimum", n));
            f.max().ifPresent(n -> p.put("maximum", n));
            f.codeList().ifPresent(name -> {
                CodeList list = standard.requireCodeList(name);
                ArrayNode values = p.putArray("enum");
                list.labels().keySet().forEach(values::add);
                if (!f.required()) {
                    values.addNull();
                }
            });
            if (f.required()) {
                required.add(f.name());
            }
        }
        type.listColumns().ifPresent(l -> {
            ObjectNode pattern = root.putObject("patternProperties");
            ObjectNode list = pattern.putObject("^" + java.util.regex.Pattern.quote(l.prefix()) + l.pattern().pattern() + "$");
            list.put("description", l.description());
            list.putArray("enum").add(0).add(1);
        });
        root.put("additionalProperties", false);
        if (!type.checks().isEmpty()) {
            ArrayNode checks = root.putArray("x-darkfigure-checks");
            type.checks().forEach(c -> checks.add(c.kind() + " " + c.fields() + (c.values().isEmpty() ? "" : " " + c.values())));
        }
        return root;
    }
}
