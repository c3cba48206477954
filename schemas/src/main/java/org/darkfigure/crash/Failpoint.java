package org.darkfigure.crash;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Named points in the write paths (between moving files and registering them, between writing a release's
 * manifest and renaming its folder, ...) where the crash tests kill the process. When
 * {@code DARKFIGURE_FAILPOINTS} names a point, reaching it prints {@code FAILPOINT name} and waits
 * forever, so the test can {@code kill -9} the process at exactly that point. Unset (always, in
 * production), a failpoint costs one set lookup.
 */
public final class Failpoint {

    public static final String ENV = "DARKFIGURE_FAILPOINTS";
    private static final Set<String> ENABLED = parse(System.getenv(ENV));

    private Failpoint() {
    }

    static Set<String> parse(String value) {
        return value == null ? Set.of() : Arrays.stream(value.split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    public static void reach(String name) {
        if (ENABLED.isEmpty() || !ENABLED.contains(name)) {
            return;
        }
        System.out.println("FAILPOINT " + name);
        System.out.flush();
        System.err.println("FAILPOINT " + name + ": waiting to be killed");
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                // keep waiting: only a kill ends this
            }
        }
    }
}
