package org.darkfigure.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.darkfigure.profile.NationalProfile;
import org.darkfigure.standard.Standard;
import org.junit.jupiter.api.Test;

/**
 * What the registry promises, whichever database holds it: the same migrations, the revision and supersede
 * rules of submissions (also under concurrent uploads of one slice), refused uploads, the run lifecycle and
 * profile versions. Run against embedded H2 and against PostgreSQL by the subclasses.
 */
abstract class RegistryContract {

    /** A JDBC URL of an empty database (or schema) for one test. */
    abstract String emptyDatabaseUrl() throws Exception;

    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 3, 1, 12, 0, 0, 0, ZoneOffset.UTC);

    private static SubmissionRegistry.NewSubmission upload(String id, String period, String sha, int minutes) {
        return new SubmissionRegistry.NewSubmission(id, "GRC", "GRC-POLICE", "migrant", 1, period, sha, 1234, 10,
                "csv", "raw/" + id + "/original.csv", "staging/" + id, "{\"valid\":true}", T0.plusMinutes(minutes), 0);
    }

    @Test
    void every_migration_applies_once() throws Exception {
        String url = emptyDatabaseUrl();
        try (Database db = Database.open(url, null, null)) {
            assertTrue(new SubmissionRegistry(db.dataSource()).all().isEmpty());
        }
        try (Database db = Database.open(url, null, null)) {
            assertEquals(List.of(), Migrations.apply(db.dataSource()), "a second opening applies nothing");
        }
    }

    @Test
    void a_new_upload_of_a_slice_supersedes_the_previous_revision() throws Exception {
        try (Database db = Database.open(emptyDatabaseUrl(), null, null)) {
            SubmissionRegistry registry = new SubmissionRegistry(db.dataSource());
            Submission first = registry.registerAccepted(upload("sub-1", "2024", "aa", 0));
            Submission second = registry.registerAccepted(upload("sub-2", "2024", "bb", 1));
            Submission otherYear = registry.registerAccepted(upload("sub-3", "2023", "cc", 2));

            assertEquals(1, first.revision());
            assertEquals(2, second.revision());
            assertEquals(1, otherYear.revision());
            Submission old = registry.find("sub-1").orElseThrow();
            assertEquals(SubmissionStatus.SUPERSEDED, old.status());
            assertEquals("sub-2", old.supersededBy());
            assertEquals(T0, old.receivedAt().withOffsetSameInstant(ZoneOffset.UTC), "timestamps keep their instant");
            assertEquals(List.of("sub-3", "sub-2"), registry.current().stream().map(Submission::id).toList());
            assertEquals(List.of("sub-3", "sub-2", "sub-1"), registry.all().stream().map(Submission::id).toList());
            assertEquals("sub-2", registry.currentWithChecksum("GRC", "GRC-POLICE", "migrant", "2024", "bb")
                    .orElseThrow().id());
            assertTrue(registry.currentWithChecksum("GRC", "GRC-POLICE", "migrant", "2024", "aa").isEmpty(),
                    "a superseded file is not the slice's current one");
        }
    }

    @Test
    void concurrent_uploads_of_one_slice_get_distinct_revisions_and_one_stays_current() throws Exception {
        try (Database db = Database.open(emptyDatabaseUrl(), null, null)) {
            SubmissionRegistry registry = new SubmissionRegistry(db.dataSource());
            int uploads = 8;
            ExecutorService pool = Executors.newFixedThreadPool(uploads);
            List<Future<Submission>> done = new ArrayList<>();
            for (int i = 0; i < uploads; i++) {
                int n = i;
                done.add(pool.submit((Callable<Submission>) () -> registry.registerAccepted(upload("sub-c" + n, "2024",
                        "sha" + n, n))));
            }
            for (Future<Submission> f : done) {
                f.get();
            }
            pool.shutdown();
            List<Submission> all = registry.all();
            assertEquals(uploads, all.size());
            assertEquals(uploads, all.stream().mapToInt(Submission::revision).distinct().count());
            assertEquals(1, registry.current().size(), "exactly one revision of the slice is current");
            assertEquals(uploads, registry.current().get(0).revision(), "the current one is the newest revision");
        }
    }

    @Test
    void a_refused_upload_keeps_its_report_and_no_data() throws Exception {
        try (Database db = Database.open(emptyDatabaseUrl(), null, null)) {
            SubmissionRegistry registry = new SubmissionRegistry(db.dataSource());
            Submission refused = registry.registerRefused(upload("ref-1", "2024", "dd", 0));
            assertEquals(SubmissionStatus.REFUSED, refused.status());
            assertEquals("", refused.rawPath());
            assertEquals(0, refused.rows());
            assertEquals("{\"valid\":true}", registry.refused().get(0).reportJson());
            assertTrue(registry.current().isEmpty());
        }
    }

    @Test
    void a_run_goes_from_running_to_finished_and_an_abandoned_one_is_failed() throws Exception {
        try (Database db = Database.open(emptyDatabaseUrl(), null, null)) {
            RunRegistry runs = new RunRegistry(db.dataSource());
            runs.create(new Run("run-1", RunStatus.RUNNING, null, 0, 4, 12, 42L, null, null, "m.json", "log.txt", T0, null));
            runs.progress("run-1", "link", 2, 4);
            assertEquals("link", runs.active().orElseThrow().stage());
            runs.finish("run-1", RunStatus.SUCCEEDED, "rel-1", "ok");
            Run done = runs.find("run-1").orElseThrow();
            assertEquals(RunStatus.SUCCEEDED, done.status());
            assertEquals("rel-1", done.releaseId());
            assertEquals(42L, done.seed());
            assertTrue(done.finishedAt() != null && runs.active().isEmpty());

            runs.create(new Run("run-2", RunStatus.RUNNING, "harmonise", 1, 4, 12, 43L, null, null, "m", "l", T0.plusHours(1), null));
            assertEquals(1, runs.failAbandoned("the process ended during the run"));
            Run abandoned = runs.find("run-2").orElseThrow();
            assertEquals(RunStatus.FAILED, abandoned.status());
            assertNull(abandoned.releaseId());
            assertEquals(List.of("run-2", "run-1"), runs.all().stream().map(Run::id).toList());
        }
    }

    @Test
    void a_profile_gets_the_next_version() throws Exception {
        try (Database db = Database.open(emptyDatabaseUrl(), null, null)) {
            ProfileRegistry profiles = new ProfileRegistry(db.dataSource(), Standard.builtIn());
            assertEquals(0, profiles.current("IDN").version());
            profiles.save("IDN", "{\"country\":\"IDN\",\"fields\":{\"sex\":{\"codes\":{\"L\":\"M\",\"P\":\"F\"}}}}");
            NationalProfile second = profiles.save("IDN", "{\"country\":\"IDN\",\"fields\":{\"sex\":{\"codes\":{\"L\":\"M\"}}}}");
            assertEquals(2, second.version());
            assertEquals(2, profiles.current("IDN").version());
            assertEquals(1, profiles.find("IDN", 1).orElseThrow().version());
        }
    }
}
