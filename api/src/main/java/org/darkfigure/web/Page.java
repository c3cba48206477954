package org.darkfigure.web;

import org.darkfigure.codebook.CodebookPage;

/**
 * The frame of every server-rendered page: head with the site style sheet and the page's scripts (files
 * only, no inline script or style: the Content-Security-Policy forbids them), the CSRF token of the
 * session for scripts that change state, a header with navigation, and the body. The navigation lists every page;
 * {@code assets/nav.js} then keeps only those the signed-in role may open and adds who is signed in and a sign-out.
 */
public final class Page {

    private Page() {
    }

    public static String escape(String s) {
        return s == null ? "" : CodebookPage.escape(s);
    }

    public static String render(String title, String intro, String csrf, String body, String... scripts) {
        StringBuilder head = new StringBuilder("  <script src=\"/assets/nav.js\" defer></script>\n");
        for (String script : scripts) {
            head.append("  <script src=\"").append(escape(script)).append("\" defer></script>\n");
        }
        return """
                <!doctype html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <meta name="csrf-token" content="%s">
                  <title>%s — darkfigure</title>
                  <link rel="stylesheet" href="/assets/site.css">
                %s</head>
                <body>
                  <header>
                    <h1>%s</h1>
                    <p>%s</p>
                    <nav><a href="/">Estimates</a> · <a href="/detections">Detections</a> · <a href="/releases">Releases</a> · <a href="/upload">Upload</a> · <a href="/submissions">Submissions</a> · <a href="/runs">Runs</a> · <a href="/codebook">Codebook</a> · <a href="/api/docs">API</a></nav>
                  </header>
                  <main>
                %s
                  </main>
                </body>
                </html>
                """.formatted(escape(csrf), escape(title), head, escape(title), escape(intro), body);
    }
}
