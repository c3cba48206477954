package org.darkfigure.access;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;

/**
 * The front door, before Javalin. Keeps request bodies from taking the threads that pages and the API need (issue 17: twenty clients that
 * declared a body and sent ten bytes held every request thread, and a public GET took 28 s). Runs before
 * anything reads a body: a declared length beyond the limit is refused at once (413); uploads and the other
 * requests with a body (sign-in forms, JSON) each get a few permits, and a request beyond them is refused at
 * once with 503 and Retry-After instead of waiting for a thread. A body that then stalls is cut by Jetty's
 * minimum data rate and blocking-read timeout ({@link #BLOCKING_READ_TIMEOUT_MS}, {@link #MIN_DATA_RATE}).
 * Being the first to see each request, it also hides X-HTTP-Method-Override from Javalin
 * ({@link MethodOverrideIgnored}) and answers paths that climb ("..") with 404.
 */
public final class RequestGuard implements Filter {

    /** A read that waits longer than this for the next bytes of a body ends the request. */
    public static final long BLOCKING_READ_TIMEOUT_MS = 10_000;
    /** Bytes per second a body must keep up (a 64 kbit/s line sends 8,000). */
    public static final long MIN_DATA_RATE = 1024;
    /** Bodies other than uploads (a sign-in form, a profile, a token request) are small. */
    public static final long MAX_SMALL_BODY = 1024 * 1024;
    public static final int SMALL_BODIES_AT_ONCE = 4;
    public static final int RETRY_AFTER_SECONDS = 5;

    private final String uploadPath;
    private final long maxUploadBytes;
    private final Semaphore uploads;
    private final Semaphore smallBodies = new Semaphore(SMALL_BODIES_AT_ONCE);

    public RequestGuard(String uploadPath, long maxUploadBytes, int uploadsAtOnce) {
        this.uploadPath = uploadPath;
        this.maxUploadBytes = maxUploadBytes;
        this.uploads = new Semaphore(uploadsAtOnce);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = MethodOverrideIgnored.of((HttpServletRequest) req);
        HttpServletResponse response = (HttpServletResponse) res;
        if (climbs(request.getRequestURI())) { // Javalin's static files answered /assets/.. with a 500 and a stack trace
            refuse(request, response, 404, "Not found", "no such resource", 0);
            return;
        }
        long length = request.getContentLengthLong();
        boolean chunked = "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"));
        if (length <= 0 && !chunked) {
            chain.doFilter(request, res);
            return;
        }
        boolean upload = "POST".equals(request.getMethod()) && uploadPath.equals(request.getRequestURI());
        long limit = upload ? maxUploadBytes : MAX_SMALL_BODY;
        if (length > limit) {
            refuse(request, response, 413, upload ? "Upload too large" : "Request too large", "the request declares "
                    + length + " bytes, more than the " + limit + " allowed" + (upload ? " (DARKFIGURE_MAX_UPLOAD_BYTES)" : "")
                    + "; nothing was read or stored", 0);
            return;
        }
        Semaphore permits = upload ? uploads : smallBodies;
        if (!permits.tryAcquire()) {
            refuse(request, response, 503, "Busy", (upload ? "the server is receiving as many uploads as it takes at once"
                    : "the server is receiving as many requests with a body as it takes at once") + "; try again in "
                    + RETRY_AFTER_SECONDS + " s", RETRY_AFTER_SECONDS);
            return;
        }
        try {
            chain.doFilter(request, res);
        } finally {
            permits.release();
        }
    }

    /** A path with a ".." segment, plain or percent-encoded: nothing of ours is reached that way. */
    static boolean climbs(String uri) {
        if (uri == null) {
            return false;
        }
        String decoded = uri.replace("%2e", ".").replace("%2E", ".").replace("%2f", "/").replace("%2F", "/")
                .replace("%5c", "/").replace("%5C", "/").replace('\\', '/');
        for (String segment : decoded.split("/", -1)) {
            if (segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, int status, String title,
                               String detail, int retryAfter) throws IOException {
        SecurityHeaders.headers(request.getRequestURI(), request.isSecure()).forEach(response::setHeader);
        response.setHeader("Cache-Control", "no-store"); // an error is never cached, not even for a static path
        if (retryAfter > 0) {
            response.setHeader("Retry-After", Integer.toString(retryAfter));
        }
        response.setHeader("Connection", "close"); // the unread body is not waited for
        ProblemBody.write(response, status, title, detail);
    }

    /** The {code,title,detail} body, for responses written outside Javalin. */
    public static final class ProblemBody {
        private ProblemBody() {
        }

        public static void write(HttpServletResponse response, int status, String title, String detail) throws IOException {
            response.setStatus(status);
            response.setContentType("application/json;charset=utf-8");
            byte[] body = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(
                    new org.darkfigure.web.HttpProblem(status, title, detail).body());
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            response.flushBuffer();
        }
    }
}
