package org.darkfigure.access;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Headers on every response: a Content-Security-Policy without inline script or style (the pages load their
 * scripts from /assets and the WebJars), no framing, no MIME sniffing, no referrer; HSTS when the request came
 * over TLS (directly or through a proxy that says so); nothing but static files is cached (pages show who is
 * signed in and what they may see). The same headers on Javalin's responses and on the ones Jetty or
 * {@link RequestGuard} write before a request reaches Javalin.
 */
public final class SecurityHeaders {

    public static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private SecurityHeaders() {
    }

    public static void apply(Context ctx) {
        headers(ctx.path(), "https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto")))
                .forEach(ctx::header);
    }

    /** The headers of a response to {@code path}. */
    public static Map<String, String> headers(String path, boolean https) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Security-Policy", CSP);
        h.put("X-Content-Type-Options", "nosniff");
        h.put("X-Frame-Options", "DENY");
        h.put("Referrer-Policy", "no-referrer");
        if (https) {
            h.put("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
        if (path == null || !(path.startsWith("/assets/") || path.startsWith("/webjars/"))) {
            h.put("Cache-Control", "no-store");
        }
        return h;
    }
}
