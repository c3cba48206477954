package org.darkfigure.access;

import java.util.List;
import org.darkfigure.web.Page;

/** The sign-in page and the admin's audit page (in the site's page frame: no inline script or style). */
public final class AccessPages {

    private AccessPages() {
    }

    public static String signIn(String next, String error) {
        String body = """
                    %s
                    <form method="post" action="/signin">
                      <label for="token">Token</label>
                      <input id="token" name="token" type="password" autocomplete="off" required>
                      <input type="hidden" name="next" value="%s">
                      <button type="submit">Sign in</button>
                    </form>
                """.formatted(error == null ? "" : "<p class=\"error\" role=\"alert\">" + Page.escape(error) + "</p>",
                Page.escape(next));
        return Page.render("Sign in", "Sign in with the API token an administrator gave you.", "", body);
    }

    /** The audit log page: filters (action, who, outcome, dates), newest first, and a link to older entries. */
    public static String audit(List<AuditLog.Entry> entries, AuditLog.Filter filter, int limit, String csrf) {
        StringBuilder rows = new StringBuilder();
        for (AuditLog.Entry e : entries) {
            rows.append("<tr>");
            for (String cell : new String[] {Long.toString(e.id()), String.valueOf(e.at()), e.principal(), e.role(),
                    e.country(), e.action(), e.object(), e.outcome(), e.detail(), e.remote()}) {
                rows.append("<td>").append(Page.escape(cell)).append("</td>");
            }
            rows.append("</tr>\n");
        }
        String older = "";
        if (entries.size() >= Math.max(1, limit)) {
            StringBuilder q = new StringBuilder("/admin/audit?before=").append(entries.get(entries.size() - 1).id());
            append(q, "action", filter.action());
            append(q, "who", filter.who());
            append(q, "outcome", filter.outcome());
            append(q, "from", filter.from() == null ? null : filter.from().toString());
            append(q, "to", filter.to() == null ? null : filter.to().toString());
            append(q, "limit", Integer.toString(limit));
            older = "<p><a id=\"older\" href=\"" + Page.escape(q.toString()) + "\">Older entries</a></p>";
        }
        String body = """
                    <form id="filter" class="controls" method="get" action="/admin/audit">
                      <label>Action <input name="action" value="%s" placeholder="signin, upload, download…"></label>
                      <label>Who <input name="who" value="%s" placeholder="token id or label"></label>
                      <label>Outcome <select name="outcome">%s</select></label>
                      <label>From <input name="from" type="date" value="%s"></label>
                      <label>To <input name="to" type="date" value="%s"></label>
                      <button type="submit">Filter</button> <a href="/admin/audit">Clear</a>
                    </form>
                    <p class="meta">%d entries shown, newest first%s.</p>
                    <table id="audit" class="report">
                      <thead><tr><th>#</th><th>when (UTC)</th><th>who</th><th>role</th><th>state</th><th>action</th><th>object</th><th>outcome</th><th>detail</th><th>from</th></tr></thead>
                      <tbody>
                %s      </tbody>
                    </table>
                    %s
                """.formatted(Page.escape(nullToEmpty(filter.action())), Page.escape(nullToEmpty(filter.who())),
                outcomes(filter.outcome()), filter.from() == null ? "" : filter.from(),
                filter.to() == null ? "" : filter.to(), entries.size(),
                filter.before() == null ? "" : " (older than entry " + filter.before() + ")", rows, older);
        return Page.render("Audit log", "Every upload, download, token change, run and refused access.", csrf, body);
    }

    private static String outcomes(String chosen) {
        StringBuilder out = new StringBuilder();
        for (String[] o : new String[][] {{"", "any"}, {"ok", "ok"}, {"refused", "refused"}, {"not-found", "not found"}}) {
            out.append("<option value=\"").append(o[0]).append('"').append(o[0].equals(nullToEmpty(chosen)) ? " selected" : "")
                    .append('>').append(o[1]).append("</option>");
        }
        return out.toString();
    }

    private static void append(StringBuilder query, String name, String value) {
        if (value != null && !value.isBlank()) {
            query.append('&').append(name).append('=').append(java.net.URLEncoder.encode(value,
                    java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /**
     * The tokens page (issue 18, item 12): every token with its state, a form to issue one (its secret is shown once,
     * by assets/tokens.js, which calls POST /api/v1/tokens) and a revoke button per active token.
     */
    public static String tokens(List<ApiToken> all, String csrf) {
        StringBuilder rows = new StringBuilder();
        java.time.OffsetDateTime now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
        for (ApiToken t : all) {
            String state = t.revokedAt() != null ? "revoked " + t.revokedAt().toLocalDate()
                    : t.expiresAt().isBefore(now) ? "expired " + t.expiresAt().toLocalDate() : "active";
            rows.append("<tr data-id=\"").append(Page.escape(t.id())).append("\">");
            for (String cell : new String[] {t.id(), t.role().label(), t.country(), t.label(), t.createdBy(),
                    t.createdAt().toLocalDate().toString(), t.expiresAt().toLocalDate().toString(), state}) {
                rows.append("<td>").append(Page.escape(cell)).append("</td>");
            }
            rows.append("<td>").append("active".equals(state)
                    ? "<button type=\"button\" class=\"revoke\">Revoke</button>" : "").append("</td></tr>\n");
        }
        String body = """
                    <section class="panel">
                      <h2>Issue a token</h2>
                      <form id="issue" class="controls">
                        <label>Role <select id="role">
                          <option value="submitter">submitter (uploads for one member state)</option>
                          <option value="viewer">viewer (published estimates)</option>
                          <option value="researcher">researcher (releases, downloads)</option>
                          <option value="admin">admin</option></select></label>
                        <label>Member state <input id="country" size="4" maxlength="3" placeholder="IDN"></label>
                        <label>Label <input id="label" placeholder="who holds it"></label>
                        <label>Valid for <input id="days" type="number" min="1" max="3650" value="90"> days</label>
                        <button type="submit">Issue</button>
                      </form>
                      <div id="issued" aria-live="polite"></div>
                    </section>
                    <section class="panel">
                      <h2>Tokens</h2>
                      <table id="tokens" class="report">
                        <thead><tr><th>id</th><th>role</th><th>member state</th><th>label</th><th>issued by</th><th>issued</th><th>expires</th><th>status</th><th>action</th></tr></thead>
                        <tbody>
                %s        </tbody>
                      </table>
                    </section>
                """.formatted(rows);
        return Page.render("Tokens", "Who may use the platform: issue a token (its secret is shown once), see every "
                + "token's state, revoke one. Every change is in the audit log.", csrf, body, "/assets/tokens.js");
    }
}
