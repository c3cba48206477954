package org.darkfigure.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error a caller can act on, thrown by a handler and answered by the one mapper ({@code ProblemMapper}) in
 * SDMX-JSON's shape: {@code {code, title, detail}} plus fields of its own (a refused submission's report, a
 * refused profile's problems). Handlers never build error bodies themselves.
 */
public class HttpProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String title;
    private final Map<String, Object> extra;

    public HttpProblem(int status, String title, String detail) {
        this(status, title, detail, Map.of());
    }

    private HttpProblem(int status, String title, String detail, Map<String, Object> extra) {
        super(detail);
        this.status = status;
        this.title = title;
        this.extra = extra;
    }

    public static HttpProblem badRequest(String title, String detail) {
        return new HttpProblem(400, title, detail);
    }

    public static HttpProblem notFound(String detail) {
        return new HttpProblem(404, "Not found", detail);
    }

    /** The same problem with one more field in its body. */
    public HttpProblem with(String field, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extra);
        more.put(field, value);
        return new HttpProblem(status, title, getMessage(), more);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The response body. */
    public Map<String, Object> body() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", status);
        m.put("title", title);
        m.put("detail", getMessage());
        m.putAll(extra);
        return m;
    }
}
