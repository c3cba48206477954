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
}
