package org.darkfigure.standard;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One field of a record type, as declared in the schema resource. Validation, templates, the
 * codebook and the Spark schema all read this; nothing restates it. {@code bloomEncoding}: the value is an encoding
 * made by {@code ./darkfigure pseudonymise} ({@code "bloom": true}), which must be of its current scheme.
 */
public record FieldSpec(
        String name,
        FieldType type,
        boolean required,
        boolean unique,
        String description,
        Optional<String> codeList,
        Optional<Long> min,
        Optional<Long> max,
        Optional<Integer> maxLength,
        Optional<Pattern> pattern,
        Optional<ManifestAttribute> mustEqualManifest,
        boolean withinPeriod,
        boolean withinPeriodYear,
        boolean notAfterPeriod,
        Set<Role> roles,
        boolean bloomEncoding) {

    public FieldSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type of " + name);
        if (type == FieldType.CODE && codeList.isEmpty()) {
            throw new IllegalArgumentException("field " + name + " is of type code but names no codeList");
        }
        if (withinPeriod && type != FieldType.DATE) {
            throw new IllegalArgumentException("field " + name + ": withinPeriod needs type date, not " + type);
        }
        if ((notAfterPeriod || withinPeriodYear) && type != FieldType.INTEGER) {
            throw new IllegalArgumentException("field " + name + ": notAfterPeriod and withinPeriodYear need an integer year, not " + type);
        }
        roles = Set.copyOf(roles);
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }
}
