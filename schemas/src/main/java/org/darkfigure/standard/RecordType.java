package org.darkfigure.standard;

import java.util.List;
import java.util.Optional;

/** One record type of the standard at one schema version, e.g. {@code migrant} v1. */
public record RecordType(String name, int version, String title, String description, List<FieldSpec> fields,
                         List<CrossCheck> checks, Optional<ListColumns> listColumns) {

    public RecordType {
        fields = List.copyOf(fields);
        checks = List.copyOf(checks);
        for (CrossCheck check : checks) {
            for (String f : check.fields()) {
                if (fields.stream().noneMatch(x -> x.name().equals(f))) {
                    throw new IllegalArgumentException(name + " v" + version + ": check " + check.kind()
                            + " names unknown field " + f);
                }
            }
        }
        if (fields.stream().map(FieldSpec::name).distinct().count() != fields.size()) {
            throw new IllegalArgumentException("record type " + name + " v" + version + " declares a field twice");
        }
    }

    public Optional<FieldSpec> field(String fieldName) {
        return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
    }

    public int indexOf(String fieldName) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(fieldName)) {
                return i;
            }
        }
        return -1;
    }

    public List<String> columnNames() {
        return fields.stream().map(FieldSpec::name).toList();
    }

    /** "migrant v1", the way users see it in messages. */
    public String label() {
        return name + " v" + version;
    }
}
