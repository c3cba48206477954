package org.darkfigure.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.darkfigure.registry.Database;
import org.junit.jupiter.api.Test;

/** Entries of concurrent requests are committed together, each exactly once, before its request goes on. */
class AuditLogTest {

    @Test
    void concurrent_entries_are_all_committed_once_and_visible_when_record_returns() throws Exception {
        try (Database db = Database.open("jdbc:h2:mem:audit-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;"
                + "DATABASE_TO_LOWER=TRUE", null, null)) {
            AuditLog log = new AuditLog(db.dataSource());
            Principal viewer = new Principal("tok-1", Role.VIEWER, null, "test");
            ExecutorService pool = Executors.newFixedThreadPool(32);
            try {
                List<Future<Boolean>> seen = new java.util.ArrayList<>();
                for (int t = 0; t < 32; t++) {
                    int thread = t;
                    seen.add(pool.submit(() -> {
                        boolean visible = true;
                        for (int i = 0; i < 50; i++) {
                            String object = "estimates " + thread + "-" + i;
                            log.record(viewer, "download", object, "ok", null, "127.0.0.1");
                            // what a request recorded is in the log when it answers
                            visible &= log.newest(10_000, "download").stream().anyMatch(e -> e.object().equals(object));
                        }
                        return visible;
                    }));
                }
                for (Future<Boolean> f : seen) {
                    assertTrue(f.get());
                }
            } finally {
                pool.shutdown();
            }
            List<AuditLog.Entry> entries = log.newest(10_000, "download");
            assertEquals(32 * 50, entries.size());
            Set<String> objects = new HashSet<>();
            entries.forEach(e -> objects.add(e.object()));
            assertEquals(32 * 50, objects.size(), "each entry once");
            assertEquals("tok-1", entries.get(0).principal());
        }
    }
}
