package org.darkfigure.profile;

import org.darkfigure.codes.CodeList;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.darkfigure.standard.FieldSpec;
import org.darkfigure.standard.FieldType;
import org.darkfigure.standard.RecordType;
import org.darkfigure.standard.Standard;

/**
 * A member state's own code lists for some fields, with the mapping of each national code to the
 * standard's. Validation accepts the declared national codes (and, unless {@code nationalOnly}, the
 * standard's as well); the harmonise stage maps them. Written as JSON:
 * <pre>{"country": "IDN", "fields": {"citizenship": {"codes": {"AF": "AFG", "MM": "MMR"}},
 *                                   "sex": {"codes": {"L": "M", "P": "F"}, "nationalOnly": true}}}</pre>
 * A field is named the same in every record type that has it.
 *
 * <p>{@code "sources": {"IDN-POLICE": "National Police", ...}} declares the state's sources (code and what it is).
 * Once a state has declared any, a submission for a source it has not declared is refused before anything is
 * stored (issue 18, item 11: a typo in the source field used to become a new, permanent row of the coverage
 * matrix); a state that has declared none may submit under any well-formed source code, as before.
 */
public record NationalProfile(String country, int version, Map<String, FieldMapping> fields, Map<String, String> sources) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** National code (as written in files) to standard code, for one field. */
    public record FieldMapping(Map<String, String> codes, boolean nationalOnly) {
        public FieldMapping {
            codes = Map.copyOf(codes);
        }

        /** The standard code a value stands for, if the mapping knows it. */
        public Optional<String> standardCode(String value) {
            return Optional.ofNullable(codes.get(value));
        }
    }

    /** What a source code must look like (the submission manifest's rule). */
    public static final java.util.regex.Pattern SOURCE_CODE = java.util.regex.Pattern.compile("[A-Z0-9][A-Z0-9_-]{0,31}");

    public NationalProfile {
        fields = Map.copyOf(fields);
        sources = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(sources));
    }

    public NationalProfile(String country, int version, Map<String, FieldMapping> fields) {
        this(country, version, fields, Map.of());
    }

    /** Whether the state accepts submissions from this source: any, until it declares its sources. */
    public boolean acceptsSource(String source) {
        return sources.isEmpty() || sources.containsKey(source);
    }

    /** The profile with its sources replaced (the version is the registry's to give). */
    public NationalProfile withSources(Map<String, String> value) {
        return new NationalProfile(country, version, fields, value);
    }

    public Optional<FieldMapping> mapping(String field) {
        return Optional.ofNullable(fields.get(field));
    }

    /** The profile with no national codes: every field takes the standard's. */
    public static NationalProfile none(String country) {
        return new NationalProfile(country, 0, Map.of(), Map.of());
    }

    /** Reads and checks a profile against the standard; the problems, if any, are listed in the exception. */
    public static NationalProfile parse(Standard standard, String json, int version) throws IOException {
        JsonNode root = JSON.readTree(json);
        List<String> problems = new ArrayList<>();
        String country = root.path("country").asText("");
        if (!standard.requireCodeList("iso3166_alpha3").contains(country)) {
            problems.add("country '" + country + "' is not an ISO 3166-1 alpha-3 code");
        }
        Map<String, FieldMapping> fields = new LinkedHashMap<>();
        var it = root.path("fields").fields();
        while (it.hasNext()) {
            var entry = it.next();
            String field = entry.getKey();
            List<FieldSpec> specs = new ArrayList<>();
            for (RecordType t : standard.recordTypes()) {
                t.field(field).ifPresent(specs::add);
            }
            if (specs.isEmpty()) {
                problems.add("field '" + field + "' is in no record type of the standard");
                continue;
            }
            FieldSpec spec = specs.get(0);
            if (spec.type() != FieldType.CODE) {
                problems.add("field '" + field + "' is not a coded field (it is " + spec.type().name().toLowerCase(Locale.ROOT) + ")");
                continue;
            }
            if (spec.mustEqualManifest().isPresent()) {
                problems.add("field '" + field + "' must equal the submission's manifest and cannot be recoded");
                continue;
            }
            CodeList list = standard.requireCodeList(spec.codeList().orElseThrow());
            Map<String, String> codes = new LinkedHashMap<>();
            var codeIt = entry.getValue().path("codes").fields();
            while (codeIt.hasNext()) {
                var code = codeIt.next();
                String national = code.getKey().trim();
                String target = code.getValue().asText().trim().toUpperCase(Locale.ROOT);
                if (national.isEmpty()) {
                    problems.add(field + ": an empty national code");
                } else if (!list.contains(target)) {
                    problems.add(field + ": national code '" + national + "' maps to '" + target + "', which is not in "
                            + list.name());
                } else {
                    codes.put(national, target);
                }
            }
            if (codes.isEmpty()) {
                problems.add(field + ": no codes declared");
            }
            fields.put(field, new FieldMapping(codes, entry.getValue().path("nationalOnly").asBoolean(false)));
        }
        Map<String, String> sources = new LinkedHashMap<>();
        JsonNode declared = root.path("sources");
        if (!declared.isMissingNode() && !declared.isNull() && !declared.isObject()) {
            problems.add("sources: expected an object of source code to its description, e.g. {\"" + country
                    + "-POLICE\": \"National Police\"}");
        }
        var sourceIt = declared.fields();
        while (sourceIt.hasNext()) {
            var source = sourceIt.next();
            String code = source.getKey().trim();
            if (!SOURCE_CODE.matcher(code).matches()) {
                problems.add("sources: '" + code + "' must be 1-32 upper-case letters, digits, '-' or '_' (e.g. " + country
                        + "-POLICE)");
            } else {
                sources.put(code, source.getValue().asText("").trim());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidProfileException(problems);
        }
        return new NationalProfile(country, version, fields, sources);
    }

    public String toJson() {
        var root = JSON.createObjectNode();
        root.put("country", country);
        root.put("version", version);
        var f = root.putObject("fields");
        fields.forEach((name, mapping) -> {
            var m = f.putObject(name);
            var codes = m.putObject("codes");
            mapping.codes().forEach(codes::put);
            m.put("nationalOnly", mapping.nationalOnly());
        });
        var s = root.putObject("sources");
        sources.forEach(s::put);
        return root.toString();
    }

    /** A profile that does not fit the standard; lists every problem. */
    public static final class InvalidProfileException extends IOException {
        private static final long serialVersionUID = 1L;
        private final List<String> problems;

        public InvalidProfileException(List<String> problems) {
            super("the national profile does not fit the standard: " + String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
