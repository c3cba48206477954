package org.darkfigure.access;

import io.javalin.http.Context;
import java.util.Set;

/**
 * The address a request comes from, as the brute-force limit and the audit log count it: the peer's address,
 * or, when the peer is one of the configured reverse proxies ({@code DARKFIGURE_TRUSTED_PROXIES}), the
 * nearest address in X-Forwarded-For that is not a trusted proxy. From any other peer the header is ignored:
 * a client must not choose the address its failures count against.
 */
public final class ClientAddress {

    static final String ATTRIBUTE = "darkfigure.client-address";

    private ClientAddress() {
    }

    /** Works out the address once per request (a before-handler). */
    public static void resolve(Context ctx, Set<String> trustedProxies) {
        ctx.attribute(ATTRIBUTE, of(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For"), trustedProxies));
    }

    public static String of(Context ctx) {
        String resolved = ctx.attribute(ATTRIBUTE);
        return resolved != null ? resolved : ctx.req().getRemoteAddr();
    }

    static String of(String peer, String forwardedFor, Set<String> trustedProxies) {
        if (forwardedFor == null || !trustedProxies.contains(peer)) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) { // right to left: the last hops were added by our proxies
            String hop = hops[i].strip();
            if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return peer;
    }
}
