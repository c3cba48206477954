package org.darkfigure.access;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Browser sessions after signing in with a token: a random session id (the HttpOnly cookie) and a CSRF
 * token that every state-changing form or script must send back. Held in memory: a restart signs everyone
 * out, which is acceptable for a token-based sign-in.
 */
public final class Sessions {

    public static final String COOKIE = "df_session";
    public static final Duration LIFETIME = Duration.ofHours(8);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A session: whose it is (by token id), its CSRF token, when it ends. */
    public record Session(String id, String tokenId, String csrf, Instant expires) {
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    public Session open(String tokenId) {
        Session s = new Session(random(), tokenId, random(), Instant.now().plus(LIFETIME));
        sessions.put(s.id(), s);
        return s;
    }

    public Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session s = sessions.get(id);
        if (s != null && Instant.now().isAfter(s.expires())) {
            sessions.remove(id);
            return Optional.empty();
        }
        return Optional.ofNullable(s);
    }

    public void close(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    private static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
