package org.darkfigure.access;

import java.util.List;
import org.darkfigure.codebook.CodebookPage;

/** The sign-in page and the admin's audit page: server-rendered, no inline script or style. */
public final class AccessPages {

    private AccessPages() {
    }

    private static String esc(String s) {
        return s == null ? "" : CodebookPage.escape(s);
    }

    public static String signIn(String next, String error) {
        return """
                <!doctype html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>Sign in — darkfigure</title>
                  <link rel="stylesheet" href="/assets/site.css">
                </head>
                <body>
                  <header><h1>darkfigure</h1><p>Sign in with the API token an administrator gave you.</p></header>
                  <main>
                    %s
                    <form method="post" action="/signin">
                      <label for="token">Token</label>
                      <input id="token" name="token" type="password" autocomplete="off" required>
                      <input type="hidden" name="next" value="%s">
                      <button type="submit">Sign in</button>
                    </form>
                  </main>
                </body>
                </html>
                """.formatted(error == null ? "" : "<p class=\"error\" role=\"alert\">" + esc(error) + "</p>", esc(next));
    }

    public static String audit(List<AuditLog.Entry> entries, String csrf) {
        StringBuilder rows = new StringBuilder();
        for (AuditLog.Entry e : entries) {
            rows.append("<tr><td>").append(e.id()).append("</td><td>").append(esc(String.valueOf(e.at())))
                    .append("</td><td>").append(esc(e.principal())).append("</td><td>").append(esc(e.role()))
                    .append("</td><td>").append(esc(e.country())).append("</td><td>").append(esc(e.action()))
                    .append("</td><td>").append(esc(e.object())).append("</td><td>").append(esc(e.outcome()))
                    .append("</td><td>").append(esc(e.detail())).append("</td><td>").append(esc(e.remote()))
                    .append("</td></tr>\n");
        }
        return """
                <!doctype html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="csrf-token" content="%s">
                  <title>Audit log — darkfigure</title>
                  <link rel="stylesheet" href="/assets/site.css">
                </head>
                <body>
                  <header><h1>Audit log</h1><p>Newest first: every upload, download, token change, run and refused access.</p>
                  <form method="post" action="/signout"><input type="hidden" name="csrf" value="%s"><button type="submit">Sign out</button></form>
                  </header>
                  <main>
                    <table>
                      <thead><tr><th>#</th><th>when (UTC)</th><th>who</th><th>role</th><th>state</th><th>action</th><th>object</th><th>outcome</th><th>detail</th><th>from</th></tr></thead>
                      <tbody>
                %s      </tbody>
                    </table>
                  </main>
                </body>
                </html>
                """.formatted(esc(csrf), esc(csrf), rows);
    }
}
