package org.darkfigure.access;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Collections;
import java.util.Enumeration;

/**
 * A request without its X-HTTP-Method-Override header, which Javalin would otherwise obey (issue 17: a GET
 * that says it is a DELETE must stay a GET; the access rules and the CSRF check go by the real method).
 */
final class MethodOverrideIgnored extends HttpServletRequestWrapper {

    static final String HEADER = "X-HTTP-Method-Override";

    MethodOverrideIgnored(HttpServletRequest request) {
        super(request);
    }

    static HttpServletRequest of(HttpServletRequest request) {
        return request.getHeader(HEADER) == null ? request : new MethodOverrideIgnored(request);
    }

    @Override
    public String getHeader(String name) {
        return HEADER.equalsIgnoreCase(name) ? null : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        return HEADER.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                .filter(n -> !HEADER.equalsIgnoreCase(n)).toList());
    }
}
