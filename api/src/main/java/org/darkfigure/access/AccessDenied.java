package org.darkfigure.access;

/**
 * A request refused by the access rules: 401 (no or unusable credentials), 403 (not this principal's), 429
 * (too many failures; {@code retryAfter} seconds), or a page's redirect to sign in.
 */
public final class AccessDenied extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String title;
    private final long retryAfter;
    private final String redirect;

    public AccessDenied(int status, String title, String detail, long retryAfter, String redirect) {
        super(detail);
        this.status = status;
        this.title = title;
        this.retryAfter = retryAfter;
        this.redirect = redirect;
    }

    public static AccessDenied unauthenticated(String detail) {
        return new AccessDenied(401, "Sign-in required", detail, 0, null);
    }

    public static AccessDenied forbidden(String detail) {
        return new AccessDenied(403, "Not allowed", detail, 0, null);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public long retryAfter() {
        return retryAfter;
    }

    public String redirect() {
        return redirect;
    }
}
