package org.darkfigure.access;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The brute-force limit: after {@code limit} failed sign-ins or unknown tokens from one address within the
 * window, that address is refused (429, Retry-After) until the oldest failure leaves the window.
 */
public final class FailedAttempts {

    private final int limit;
    private final Duration window;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public FailedAttempts(int limit, Duration window) {
        this.limit = limit;
        this.window = window;
    }

    /** Seconds until {@code address} may try again; 0 if it may now. */
    public long retryAfterSeconds(String address) {
        Deque<Instant> times = failures.get(address);
        if (times == null) {
            return 0;
        }
        synchronized (times) {
            Instant now = Instant.now();
            while (!times.isEmpty() && times.peekFirst().plus(window).isBefore(now)) {
                times.pollFirst();
            }
            if (times.size() < limit) {
                return 0;
            }
            return Math.max(1, Duration.between(now, times.peekFirst().plus(window)).toSeconds() + 1);
        }
    }

    public void fail(String address) {
        Deque<Instant> times = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(Instant.now());
            while (times.size() > limit) {
                times.pollFirst();
            }
        }
    }
}
