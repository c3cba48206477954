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
 */
public record NationalProfile(String country, int version, Map<String, FieldMapping> fields) {

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

    public NationalProfile {
        fields = Map.copyOf(fields);
    }

    public Optional<FieldMapping> mapping(String field) {
        return Optional.ofNullable(fields.get(field));
    }

    /** The profile with no national codes: every field takes the standard's. */
    public static NationalProfile none(String country) {
        return new NationalProfile(country, 0, Map.of());
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
        if (!problems.isEmpty()) {
            throw new InvalidProfileException(problems);
        }
        return new NationalProfile(country, version, fields);
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
