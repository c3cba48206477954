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

    public static String audit(List<AuditLog.Entry> entries, String csrf) {
        StringBuilder rows = new StringBuilder();
        for (AuditLog.Entry e : entries) {
            rows.append("<tr>");
            for (String cell : new String[] {Long.toString(e.id()), String.valueOf(e.at()), e.principal(), e.role(),
                    e.country(), e.action(), e.object(), e.outcome(), e.detail(), e.remote()}) {
                rows.append("<td>").append(Page.escape(cell)).append("</td>");
            }
            rows.append("</tr>\n");
        }
        String body = """
                    <form method="post" action="/signout"><input type="hidden" name="csrf" value="%s"><button type="submit">Sign out</button></form>
                    <table>
                      <thead><tr><th>#</th><th>when (UTC)</th><th>who</th><th>role</th><th>state</th><th>action</th><th>object</th><th>outcome</th><th>detail</th><th>from</th></tr></thead>
                      <tbody>
                %s      </tbody>
                    </table>
                """.formatted(Page.escape(csrf), rows);
        return Page.render("Audit log", "Newest first: every upload, download, token change, run and refused access.", csrf, body);
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
