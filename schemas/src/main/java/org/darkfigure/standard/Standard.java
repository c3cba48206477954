package org.darkfigure.standard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.darkfigure.codes.CodeList;
import org.darkfigure.codes.IsoCountries;

/**
 * The data standard: every record type at every schema version, and the code lists they use,
 * loaded from the schema resources under {@code org/darkfigure/standard/}. This is the one
 * definition; validation, templates, the codebook and the Spark schema derive from it.
 */
public final class Standard {

    private static final String ROOT = "/org/darkfigure/standard/";
    private static final Standard BUILT_IN = load();

    private final Map<String, CodeList> codeLists;
    private final Map<String, RecordType> recordTypes; // key "name/version"

    private Standard(Map<String, CodeList> codeLists, Map<String, RecordType> recordTypes) {
        this.codeLists = Map.copyOf(codeLists);
        this.recordTypes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(recordTypes));
    }

    /** The standard shipped with this build. */
    public static Standard builtIn() {
        return BUILT_IN;
    }

    public Optional<RecordType> recordType(String name, int version) {
        return Optional.ofNullable(recordTypes.get(name + "/" + version));
    }

    /** The record type, or an IllegalArgumentException naming what exists. */
    public RecordType require(String name, int version) {
        return recordType(name, version).orElseThrow(() -> new IllegalArgumentException(
                "no record type " + name + " v" + version + " in the standard; known: " + recordTypes.keySet()));
    }

    public List<RecordType> recordTypes() {
        return List.copyOf(recordTypes.values());
    }

    public Optional<CodeList> codeList(String name) {
        return Optional.ofNullable(codeLists.get(name));
    }

    public CodeList requireCodeList(String name) {
        return codeList(name).orElseThrow(() -> new IllegalArgumentException("no code list named " + name));
    }

    private static Standard load() {
        ObjectMapper json = new ObjectMapper();
        Map<String, CodeList> lists = new LinkedHashMap<>();
        for (JsonNode node : read(json, "codelists.json").path("codeLists")) {
            CodeList list = codeList(node);
            lists.put(list.name(), list);
        }
        Map<String, RecordType> types = new LinkedHashMap<>();
        for (JsonNode entry : read(json, "standard.json").path("recordTypes")) {
            String name = entry.path("recordType").asText();
            for (JsonNode version : entry.path("versions")) {
                RecordType type = recordType(read(json, "v" + version.asInt() + "/" + name + ".json"));
                if (!type.name().equals(name) || type.version() != version.asInt()) {
                    throw new IllegalStateException("schema file v" + version.asInt() + "/" + name
                            + ".json declares " + type.label());
                }
                for (FieldSpec field : type.fields()) {
                    field.codeList().filter(l -> !lists.containsKey(l)).ifPresent(l -> {
                        throw new IllegalStateException(type.label() + "." + field.name()
                                + " uses unknown code list " + l);
                    });
                }
                types.put(name + "/" + type.version(), type);
            }
        }
        return new Standard(lists, types);
    }

    private static JsonNode read(ObjectMapper json, String resource) {
        try (InputStream in = Standard.class.getResourceAsStream(ROOT + resource)) {
            if (in == null) {
                throw new IllegalStateException("schema resource missing: " + ROOT + resource);
            }
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema resource " + resource, e);
        }
    }

    private static CodeList codeList(JsonNode node) {
        Map<String, String> labels = new LinkedHashMap<>();
        String source = node.path("source").asText("");
        if (source.equals("jdk-iso3166-alpha3")) {
            labels.putAll(IsoCountries.alpha3Names());
        } else if (!source.isEmpty()) {
            throw new IllegalStateException("code list " + node.path("name").asText() + ": unknown source " + source);
        }
        Map<String, int[]> ranges = new LinkedHashMap<>();
        for (JsonNode code : node.path("codes")) {
            labels.put(code.path("code").asText(), code.path("label").asText());
            if (code.has("min") && code.has("max")) {
                ranges.put(code.path("code").asText(), new int[] {code.get("min").asInt(), code.get("max").asInt()});
            }
        }
        for (JsonNode code : node.path("extraCodes")) {
            labels.put(code.path("code").asText(), code.path("label").asText());
        }
        return new CodeList(node.path("name").asText(), node.path("title").asText(),
                node.path("description").asText(""), labels, ranges);
    }

    private static RecordType recordType(JsonNode node) {
        List<FieldSpec> fields = new ArrayList<>();
        for (JsonNode f : node.path("fields")) {
            Set<Role> roles = EnumSet.noneOf(Role.class);
            f.path("roles").forEach(r -> roles.add(Role.valueOf(r.asText())));
            fields.add(new FieldSpec(
                    f.path("name").asText(),
                    FieldType.valueOf(f.path("type").asText().toUpperCase(java.util.Locale.ROOT)),
                    f.path("required").asBoolean(false),
                    f.path("unique").asBoolean(false),
                    f.path("description").asText(""),
                    text(f, "codeList"),
                    f.has("min") ? Optional.of(f.get("min").asLong()) : Optional.empty(),
                    f.has("max") ? Optional.of(f.get("max").asLong()) : Optional.empty(),
                    f.has("maxLength") ? Optional.of(f.get("maxLength").asInt()) : Optional.empty(),
                    text(f, "pattern").map(Pattern::compile),
                    text(f, "manifest").map(m -> ManifestAttribute.valueOf(m.toUpperCase(java.util.Locale.ROOT))),
                    f.path("withinPeriod").asBoolean(false),
                    f.path("withinPeriodYear").asBoolean(false),
                    f.path("notAfterPeriod").asBoolean(false),
                    roles,
                    f.path("bloom").asBoolean(false)));
        }
        List<CrossCheck> checks = new ArrayList<>();
        for (JsonNode c : node.path("checks")) {
            List<String> names = new ArrayList<>();
            c.path("fields").forEach(x -> names.add(x.asText()));
            List<String> values = new ArrayList<>();
            c.path("values").forEach(x -> values.add(x.asText()));
            checks.add(new CrossCheck(CrossCheck.Kind.valueOf(c.path("rule").asText()), names, values));
        }
        Optional<ListColumns> lists = Optional.empty();
        if (node.has("listColumns")) {
            JsonNode l = node.get("listColumns");
            lists = Optional.of(new ListColumns(l.path("prefix").asText(), l.path("min").asInt(2), l.path("max").asInt(20),
                    Pattern.compile(l.path("pattern").asText(".+")), l.path("description").asText("")));
        }
        return new RecordType(node.path("recordType").asText(), node.path("version").asInt(),
                node.path("title").asText(), node.path("description").asText(""), fields, checks, lists);
    }

    private static Optional<String> text(JsonNode node, String name) {
        return node.hasNonNull(name) ? Optional.of(node.get(name).asText()) : Optional.empty();
    }
}
