package org.darkfigure.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Signing in and out, who am I, tokens (issue, list, revoke: admins) and the audit log (admins), as routes.
 */
public final class AccessRoutes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TokenRegistry tokens;
    private final Sessions sessions;
    private final FailedAttempts failures;
    private final AuditLog audit;

    public AccessRoutes(TokenRegistry tokens, Sessions sessions, FailedAttempts failures, AuditLog audit) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.failures = failures;
        this.audit = audit;
    }

    public void register(Javalin app) {
        app.get("/signin", ctx -> ctx.html(AccessPages.signIn(safeNext(ctx.queryParam("next")), null)), Access.PUBLIC);
        app.post("/signin", this::signIn, Access.PUBLIC);
        app.post("/signout", ctx -> {
            Sessions.Session s = ctx.attribute(AccessGate.SESSION);
            if (s != null) {
                sessions.close(s.id());
            }
            ctx.removeCookie(Sessions.COOKIE, "/");
            audit.record(AccessGate.require(ctx), "signout", null, "ok", null, ClientAddress.of(ctx));
            ctx.redirect("/signin", io.javalin.http.HttpStatus.SEE_OTHER);
        }, Access.SIGNED_IN);
        app.get("/api/v1/whoami", ctx -> {
            Principal p = AccessGate.require(ctx);
            Map<String, Object> body = principalJson(p);
            Sessions.Session s = ctx.attribute(AccessGate.SESSION);
            if (s != null) {
                body.put("csrfToken", s.csrf());
            }
            ctx.json(body);
        }, Access.SIGNED_IN);

        // the menu every page draws (assets/nav.js): public, so that a page read without signing in asks without error
        app.get("/api/v1/menu", ctx -> {
            Map<String, Object> body = new LinkedHashMap<>();
            java.util.Optional<Principal> p = AccessGate.principal(ctx);
            body.put("signedIn", p.isPresent());
            p.ifPresent(principal -> body.putAll(principalJson(principal)));
            Sessions.Session s = ctx.attribute(AccessGate.SESSION);
            if (s != null) {
                body.put("csrfToken", s.csrf());
            }
            body.put("menu", p.map(principal -> Menu.of(principal.role())).orElseGet(Menu::everyone).stream()
                    .map(e -> Map.of("path", e.path(), "label", e.label())).toList());
            ctx.json(body);
        }, Access.PUBLIC);

        app.post("/api/v1/tokens", this::issue, Role.ADMIN);
        app.get("/api/v1/tokens", ctx -> ctx.json(tokens.all().stream().map(AccessRoutes::tokenJson).toList()), Role.ADMIN);
        app.delete("/api/v1/tokens/{id}", ctx -> {
            String id = ctx.pathParam("id");
            boolean revoked = tokens.revoke(id);
            audit.record(AccessGate.require(ctx), "token.revoke", id, revoked ? "ok" : "not-found", null, ClientAddress.of(ctx));
            if (revoked) {
                ctx.status(204);
            } else {
                throw org.darkfigure.web.HttpProblem.notFound("no active token " + id);
            }
        }, Role.ADMIN);

        app.get("/admin/tokens", ctx -> {
            Sessions.Session s = ctx.attribute(AccessGate.SESSION);
            ctx.html(AccessPages.tokens(tokens.all(), s == null ? "" : s.csrf()));
        }, Role.ADMIN);

        app.get("/api/v1/audit", ctx -> ctx.json(audit.find(filter(ctx), limit(ctx))), Role.ADMIN);
        app.get("/admin/audit", ctx -> {
            Sessions.Session s = ctx.attribute(AccessGate.SESSION);
            AuditLog.Filter filter = filter(ctx);
            int limit = limit(ctx);
            ctx.html(AccessPages.audit(audit.find(filter, limit), filter, limit, s == null ? "" : s.csrf()));
        }, Role.ADMIN);
    }

    private void signIn(Context ctx) throws Exception {
        String address = ClientAddress.of(ctx);
        String next = safeNext(ctx.formParam("next"));
        var token = tokens.bySecret(ctx.formParam("token") == null ? null : ctx.formParam("token").strip());
        if (token.isEmpty() || !token.get().usableAt(OffsetDateTime.now(ZoneOffset.UTC))) {
            // a valid token always signs in; only failures are limited per address
            long wait = failures.retryAfterSeconds(address);
            if (wait > 0) {
                audit.record(null, "signin", null, "refused-429", "too many failed attempts", address);
                ctx.header("Retry-After", Long.toString(wait)).status(429)
                        .html(AccessPages.signIn(next, "Too many failed attempts from your address; try again in " + wait + " s."));
                return;
            }
            failures.fail(address);
            audit.record(token.map(ApiToken::principal).orElse(null), "signin", null, "refused-401",
                    token.isEmpty() ? "unknown token" : "token expired or revoked", address);
            ctx.status(401).html(AccessPages.signIn(next, "That token is unknown, expired or revoked."));
            return;
        }
        Sessions.Session session = sessions.open(token.get().id());
        ctx.cookie(new Cookie(Sessions.COOKIE, session.id(), "/", (int) Sessions.LIFETIME.toSeconds(), true, 0, true,
                null, null, SameSite.STRICT));
        audit.record(token.get().principal(), "signin", null, "ok", null, address);
        // each role lands at home: a submitter's is the upload page (the estimates are not theirs to open)
        if (next.equals("/") && token.get().principal().role() == Role.SUBMITTER) {
            next = "/upload";
        }
        ctx.redirect(next, io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void issue(Context ctx) throws Exception {
        Principal admin = AccessGate.require(ctx);
        JsonNode body;
        try {
            body = JSON.readTree(ctx.body());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw org.darkfigure.web.HttpProblem.badRequest("Not JSON",
                    "send {\"role\": ..., \"country\": ..., \"label\": ..., \"days\": ...}");
        }
        try {
            TokenRegistry.Issued issued = tokens.issue(Role.parse(body.path("role").asText(null)),
                    body.path("country").asText(null), body.path("label").asText(null), body.path("days").asInt(90),
                    admin.tokenId());
            audit.record(admin, "token.create", issued.token().id(), "ok", issued.token().role().label()
                    + (issued.token().country() == null ? "" : " " + issued.token().country()), ClientAddress.of(ctx));
            Map<String, Object> out = tokenJson(issued.token());
            out.put("token", issued.secret());
            out.put("note", "the token is shown only now; the server keeps only its hash");
            ctx.status(201).json(out);
        } catch (IllegalArgumentException e) {
            throw org.darkfigure.web.HttpProblem.badRequest("Bad token request", e.getMessage());
        }
    }

    /** The audit filter of a request's query: action, who, outcome, from, to (YYYY-MM-DD), before (an entry id). */
    private static AuditLog.Filter filter(Context ctx) {
        try {
            String from = ctx.queryParam("from");
            String to = ctx.queryParam("to");
            String before = ctx.queryParam("before");
            return new AuditLog.Filter(ctx.queryParam("action"), ctx.queryParam("who"), ctx.queryParam("outcome"),
                    from == null || from.isBlank() ? null : java.time.LocalDate.parse(from),
                    to == null || to.isBlank() ? null : java.time.LocalDate.parse(to),
                    before == null || before.isBlank() ? null : Long.valueOf(before));
        } catch (java.time.format.DateTimeParseException | NumberFormatException e) {
            throw org.darkfigure.web.HttpProblem.badRequest("Bad audit filter",
                    "from and to are dates (YYYY-MM-DD) and before is an entry number: " + e.getMessage());
        }
    }

    private static int limit(Context ctx) {
        try {
            return Integer.parseInt(ctx.queryParamAsClass("limit", String.class).getOrDefault("200"));
        } catch (NumberFormatException e) {
            return 200;
        }
    }

    /**
     * Only a path on this server: no scheme, no host, no protocol-relative URL, and nothing a browser would
     * strip or fold into one (issue 17: {@code /\t/host} became {@code //host} in Chromium). Checked as given
     * and once percent-decoded, and normalised.
     */
    static String safeNext(String next) {
        if (next == null || !pathOnly(next)) {
            return "/";
        }
        String decoded;
        try {
            decoded = java.net.URLDecoder.decode(next.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "/";
        }
        if (!pathOnly(decoded)) {
            return "/";
        }
        try {
            java.net.URI uri = new java.net.URI(next).normalize();
            if (uri.getScheme() != null || uri.getRawAuthority() != null || uri.getRawPath() == null
                    || !pathOnly(uri.getRawPath())) {
                return "/";
            }
            return uri.toString();
        } catch (java.net.URISyntaxException e) {
            return "/";
        }
    }

    private static boolean pathOnly(String s) {
        if (!s.startsWith("/") || s.startsWith("//") || s.startsWith("/\\")) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c == 0x7f || c == '\\' || Character.isWhitespace(c) || Character.isISOControl(c)) {
                return false;
            }
        }
        return true;
    }

    static Map<String, Object> principalJson(Principal p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tokenId", p.tokenId());
        m.put("role", p.role().label());
        m.put("country", p.country());
        m.put("label", p.label());
        return m;
    }

    static Map<String, Object> tokenJson(ApiToken t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("role", t.role().label());
        m.put("country", t.country());
        m.put("label", t.label());
        m.put("createdBy", t.createdBy());
        m.put("createdAt", t.createdAt().toString());
        m.put("expiresAt", t.expiresAt().toString());
        m.put("revokedAt", t.revokedAt() == null ? null : t.revokedAt().toString());
        return m;
    }
}
