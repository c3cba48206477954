package org.darkfigure.access;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.security.RouteRole;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;

/**
 * Runs before every matched route: identifies the caller (a Bearer token, or a session cookie from signing
 * in), then admits or refuses by the roles the route was registered with. Deny by default: a route registered
 * without roles admits nobody. Cookie-authenticated requests that change state must carry the session's CSRF
 * token. Every refusal is audited.
 */
public final class AccessGate {

    public static final String PRINCIPAL = "darkfigure.principal";
    public static final String SESSION = "darkfigure.session";
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private final TokenRegistry tokens;
    private final Sessions sessions;
    private final FailedAttempts failures;
    private final AuditLog audit;

    public AccessGate(TokenRegistry tokens, Sessions sessions, FailedAttempts failures, AuditLog audit) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.failures = failures;
        this.audit = audit;
    }

    public static Optional<Principal> principal(Context ctx) {
        return Optional.ofNullable(ctx.attribute(PRINCIPAL));
    }

    public static Principal require(Context ctx) {
        return principal(ctx).orElseThrow(() -> AccessDenied.unauthenticated("sign in first"));
    }

    public void check(Context ctx) throws SQLException {
        Set<RouteRole> roles = ctx.routeRoles();
        String address = ClientAddress.of(ctx);
        String object = ctx.method() + " " + ctx.path();
        String authorization = ctx.header("Authorization");
        Principal principal = null;
        Sessions.Session session = null;
        boolean open = roles.contains(Access.PUBLIC) || (roles.isEmpty() && isAsset(ctx.path()));
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                if (!open) {
                    audit.record(null, "access", object, "refused-401", "Authorization is not a Bearer token", address);
                    throw AccessDenied.unauthenticated("send the token as 'Authorization: Bearer <token>'");
                }
            } else {
                // a valid token is never refused for others' failures from the same address (a proxy, an office)
                Optional<ApiToken> token = tokens.bySecret(authorization.substring(7).strip());
                if (token.isEmpty()) {
                    if (!open) {
                        refuseUnknown(object, address);
                    }
                } else if (!token.get().usableAt(OffsetDateTime.now(ZoneOffset.UTC))) {
                    String why = token.get().revokedAt() != null ? "revoked" : "expired";
                    if (!open) {
                        audit.record(token.get().principal(), "access", object, "refused-401", "token " + why, address);
                        throw AccessDenied.unauthenticated("the token " + token.get().id() + " is " + why
                                + "; ask an admin for a new one");
                    }
                } else {
                    principal = token.get().principal();
                }
            }
        } else {
            session = sessions.find(ctx.cookie(Sessions.COOKIE)).orElse(null);
            if (session != null) {
                Optional<ApiToken> token = tokens.find(session.tokenId());
                if (token.isPresent() && token.get().usableAt(OffsetDateTime.now(ZoneOffset.UTC))) {
                    principal = token.get().principal();
                } else {
                    sessions.close(session.id()); // its token was revoked or expired since signing in
                    session = null;
                }
            }
        }
        ctx.attribute(PRINCIPAL, principal);
        ctx.attribute(SESSION, session);
        if (open) {
            return; // public: bad credentials change nothing here (they are refused where they matter)
        }
        if (principal == null) {
            audit.record(null, "access", object, "refused-401", "not signed in", address);
            if (ctx.method() == HandlerType.GET && !ctx.path().startsWith("/api/")) {
                throw new AccessDenied(303, "Sign-in required", "sign in first", 0,
                        "/signin?next=" + URLEncoder.encode(ctx.path(), StandardCharsets.UTF_8));
            }
            throw AccessDenied.unauthenticated("this needs a token: 'Authorization: Bearer <token>' (or sign in at /signin)");
        }
        if (!roles.contains(Access.SIGNED_IN) && !roles.contains(principal.role())) {
            audit.record(principal, "access", object, "refused-403", "role " + principal.role().label(), address);
            throw AccessDenied.forbidden("a " + principal.role().label() + " may not " + object);
        }
        if (session != null && changesState(ctx.method())) {
            String sent = ctx.header(CSRF_HEADER);
            if (sent == null && String.valueOf(ctx.contentType()).startsWith("application/x-www-form-urlencoded")) {
                sent = ctx.formParam("csrf");
            }
            if (!session.csrf().equals(sent)) {
                audit.record(principal, "access", object, "refused-403", "missing or wrong CSRF token", address);
                throw AccessDenied.forbidden("missing or wrong CSRF token (send the page's token as " + CSRF_HEADER
                        + " or the form field csrf)");
            }
        }
    }

    /** An unknown token: 401 and one more failure for the address, or 429 once it has too many. */
    private void refuseUnknown(String object, String address) {
        long wait = failures.retryAfterSeconds(address);
        if (wait > 0) {
            audit.record(null, "access", object, "refused-429", "too many failed attempts from this address", address);
            throw new AccessDenied(429, "Too many failed attempts", "too many unknown tokens from this address; "
                    + "try again in " + wait + " s", wait, null);
        }
        failures.fail(address);
        audit.record(null, "access", object, "refused-401", "unknown token", address);
        throw AccessDenied.unauthenticated("unknown token");
    }

    /** Scripts, styles and the WebJars: static files anyone may load (the sign-in page needs them). */
    private static boolean isAsset(String path) {
        return path.startsWith("/assets/") || path.startsWith("/webjars/");
    }

    private static boolean changesState(HandlerType method) {
        return method == HandlerType.POST || method == HandlerType.PUT || method == HandlerType.DELETE
                || method == HandlerType.PATCH;
    }
}
