package org.darkfigure.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** The body of every error response, in SDMX-JSON's shape: status code, stable title, this occurrence's detail. */
public record ApiProblem(int code, String title, String detail) {

    public Map<String, Object> body() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", code);
        m.put("title", title);
        m.put("detail", detail);
        return m;
    }
}
