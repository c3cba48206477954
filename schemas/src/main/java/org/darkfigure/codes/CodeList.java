package org.darkfigure.codes;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A named list of codes with their labels, in the order they are documented. */
public record CodeList(String name, String title, String description, Map<String, String> labels) {

    public CodeList {
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    public boolean contains(String code) {
        return labels.containsKey(code);
    }

    public int size() {
        return labels.size();
    }
}
