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

    /** Issue 18, item 12: the audit page filters by action, who (token id or label), outcome and day, and pages back. */
    @Test
    void entries_are_found_by_action_who_outcome_and_day_and_paged_back() throws Exception {
        try (Database db = Database.open("jdbc:h2:mem:audit-find-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;"
                + "DATABASE_TO_LOWER=TRUE", null, null)) {
            AuditLog log = new AuditLog(db.dataSource());
            TokenRegistry tokens = new TokenRegistry(db.dataSource());
            Principal ana = tokens.issue(Role.SUBMITTER, "IDN", "Ana, Indonesian police", 30, "test").token().principal();
            Principal ben = tokens.issue(Role.VIEWER, null, "Ben, ministry", 30, "test").token().principal();
            for (int i = 0; i < 5; i++) {
                log.record(ana, "upload", "sub-" + i, i == 0 ? "refused-422" : "ok", null, "10.0.0.1");
            }
            log.record(ben, "download", "estimates", "ok", null, "10.0.0.2");
            log.record(null, "signin", null, "refused-401", "unknown token", "10.0.0.3");
            assertEquals(5, log.find(new AuditLog.Filter(null, "indonesian", null, null, null, null), 100).size(),
                    "part of the label, case ignored");
            assertEquals(1, log.find(new AuditLog.Filter(null, ben.tokenId(), null, null, null, null), 100).size());
            assertEquals(2, log.find(new AuditLog.Filter(null, null, "refused", null, null, null), 100).size(),
                    "refused-422 and refused-401");
            assertEquals(1, log.find(new AuditLog.Filter("upload", null, "refused", null, null, null), 100).size());
            java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
            assertEquals(7, log.find(new AuditLog.Filter(null, null, null, today, today, null), 100).size());
            assertEquals(0, log.find(new AuditLog.Filter(null, null, null, today.plusDays(1), null, null), 100).size());
            List<AuditLog.Entry> first = log.find(new AuditLog.Filter("upload", null, null, null, null, null), 2);
            List<AuditLog.Entry> next = log.find(new AuditLog.Filter("upload", null, null, null, null,
                    first.get(1).id()), 2);
            assertEquals(2, next.size());
            assertTrue(next.get(0).id() < first.get(1).id(), "older entries, newest first");
        }
    }
}
