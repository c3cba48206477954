package org.darkfigure.codes;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A named list of codes with their labels, in the order they are documented. Codes that stand for a
 * numeric range (age bands) carry it in {@code ranges} as [min, max].
 */
public record CodeList(String name, String title, String description, Map<String, String> labels,
                       Map<String, int[]> ranges) {

    public CodeList {
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        ranges = Map.copyOf(ranges);
    }

    public CodeList(String name, String title, String description, Map<String, String> labels) {
        this(name, title, description, labels, Map.of());
    }

    public boolean contains(String code) {
        return labels.containsKey(code);
    }

    public int size() {
        return labels.size();
    }
}
