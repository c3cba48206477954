package org.darkfigure.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.darkfigure.crash.Failpoint;
import org.darkfigure.manifest.StorageLayout;
import org.darkfigure.read.RawRecord;
import org.darkfigure.read.RowSource;
import org.darkfigure.registry.ProfileRegistry;
import org.darkfigure.registry.Submission;
import org.darkfigure.registry.SubmissionRegistry;
import org.darkfigure.standard.Standard;
import org.darkfigure.validate.ManifestCheck;
import org.darkfigure.submission.SubmissionManifest;
import org.darkfigure.validate.Problem;
import org.darkfigure.validate.RecordValidator;
import org.darkfigure.validate.Rule;
import org.darkfigure.validate.ValidationReport;

/**
 * Receives one upload: keeps its bytes with their SHA-256, validates every row while writing the
 * accepted rows as Parquet, and registers it, or refuses it as a whole with its report. All work
 * happens in a private folder under incoming/; only a complete, valid submission is moved to raw/
 * and staging/ and registered, so a refused or interrupted upload leaves nothing visible.
 */
public final class Intake {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Standard standard;
    private final SubmissionRegistry registry;
    private final ProfileRegistry profiles;
    private final StorageLayout layout;
    private final long maxUploadBytes;
    private final long maxDecompressedBytes;
    /** Lock stripes for uploads of the same bytes to the same slice (one server; see README, Security). */
    private static final Object[] SAME_UPLOAD = java.util.stream.Stream.generate(Object::new).limit(64).toArray();

    public Intake(Standard standard, SubmissionRegistry registry, ProfileRegistry profiles, StorageLayout layout,
                  long maxUploadBytes, long maxDecompressedBytes) {
        this.standard = standard;
        this.registry = registry;
        this.profiles = profiles;
        this.layout = layout;
        this.maxUploadBytes = maxUploadBytes;
        this.maxDecompressedBytes = maxDecompressedBytes;
    }

    public IntakeOutcome receive(SubmissionManifest manifest, InputStream body, UploadOptions options)
            throws IOException, SQLException {
        ValidationReport.Collector report = ValidationReport.collector();
        ManifestCheck.Result check = ManifestCheck.check(standard, manifest);
        if (!check.ok()) {
            check.problems().forEach(report::add);
            return new IntakeOutcome.Refused(report.build());
        }
        ManifestCheck.Checked checked = check.checked().orElseThrow()
                .withProfile(profiles.current(manifest.country()));
        // refused before anything is stored or registered: a misspelt source must not become a row of its own
        Optional<Problem> undeclared = checked.undeclaredSource();
        if (undeclared.isPresent()) {
            report.add(undeclared.get());
            return new IntakeOutcome.Refused(report.build());
        }
        Path work = Path.of(layout.incoming(), UUID.randomUUID().toString());
        Files.createDirectories(work);
        try {
            Path raw = work.resolve("raw.part");
            Path staged = work.resolve("staged");
            String id = newSubmissionId();
            ValidationReport.Collector validation = ValidationReport.collector();
            Staged streamed = null;
            String sha256;
            long bytes;
            try (RawCopy copy = new RawCopy(body, raw, maxUploadBytes)) {
                // plain CSV and JSON Lines are validated and staged as the bytes arrive; the others (gzip, XLSX,
                // Parquet) need the whole file first
                BufferedInputStream in = RawCopy.readAhead(copy);
                if (options.format().readsAsStream() && !Compression.isGzip(in)) {
                    streamed = validateAndStage(checked, () -> options.format().open(in, options.delimiter(),
                            checked.recordType()), staged, id, validation);
                }
                copy.drain();
                sha256 = copy.sha256();
                bytes = copy.bytes();
            }
            if (bytes == 0) {
                report.add(Problem.ofFile(Rule.FILE_EMPTY, "the uploaded file is empty (0 bytes)"));
                return refuse(checked, sha256, bytes, options, report.build());
            }
            if (options.declaredSha256().isPresent() && !options.declaredSha256().get().equals(sha256)) {
                report.add(Problem.ofFile(Rule.CHECKSUM_MISMATCH, "the file that arrived (" + bytes + " bytes, SHA-256 "
                        + sha256 + ") is not the file that was sent (SHA-256 " + options.declaredSha256().get() + ")"));
                return refuse(checked, sha256, bytes, options, report.build());
            }
            // the same bytes for a slice are one submission, however many copies arrive at once (issue 17: 20
            // concurrent uploads made 13 revisions): uploads of the same bytes to the same slice go one at a time
            synchronized (SAME_UPLOAD[Math.floorMod((manifest.country() + "|" + manifest.source() + "|"
                    + manifest.recordType() + "|" + manifest.period() + "|" + sha256).hashCode(), SAME_UPLOAD.length)]) {
                return receiveChecked(checked, manifest, sha256, bytes, raw, work, options, id, staged, streamed,
                        validation);
            }
        } finally {
            org.darkfigure.files.Folders.deleteRecursively(work);
        }
    }

    /** What validating and staging the rows came to: the rows read, or why the file could not be read. */
    private record Staged(long rows, Optional<String> unreadable) {
    }

    private IntakeOutcome receiveChecked(ManifestCheck.Checked checked, SubmissionManifest manifest, String sha256, long bytes,
                                         Path raw, Path work, UploadOptions options, String id, Path staged,
                                         Staged streamed, ValidationReport.Collector report)
            throws IOException, SQLException {
        Optional<Submission> same = registry.currentWithChecksum(manifest.country(), manifest.source(),
                manifest.recordType(), manifest.period(), sha256);
        if (same.isPresent()) {
            return new IntakeOutcome.Accepted(same.get(), reportOf(same.get()), true);
        }
        boolean gzip = Compression.isGzip(raw);
        Staged result = streamed;
        if (result == null) {
            try {
                Path plain = gzip ? Compression.gunzip(raw, work.resolve("decompressed"), maxDecompressedBytes) : raw;
                result = validateAndStage(checked, () -> options.format().open(plain, options.delimiter(),
                        checked.recordType()), staged, id, report);
            } catch (UnreadableFileException e) {
                result = new Staged(0, Optional.of(UnreadableFileException.withoutPaths(e.getMessage())));
            }
        }
        if (result.unreadable().isPresent()) {
            report.add(Problem.ofFile(Rule.FILE_UNREADABLE, result.unreadable().get()));
            return refuse(checked, sha256, bytes, options, report.build());
        }
        if (report.errors() > 0) {
            return refuse(checked, sha256, bytes, options, report.build());
        }
        ValidationReport accepted = report.build();
        String rawName = "original." + options.format().extension() + (gzip ? ".gz" : "");
        return new IntakeOutcome.Accepted(register(checked, id, sha256, bytes, result.rows(), raw, rawName,
                options.format(), staged, accepted), accepted, false);
    }

    private IntakeOutcome refuse(ManifestCheck.Checked checked, String sha256, long bytes, UploadOptions options,
                                 ValidationReport report) throws IOException, SQLException {
        SubmissionManifest m = checked.manifest();
        Submission refused = registry.registerRefused(new SubmissionRegistry.NewSubmission(newSubmissionId(), m.country(),
                m.source(), checked.recordType().name(), checked.recordType().version(), m.period(), sha256, bytes, 0,
                options.format().extension(), "", "", JSON.writeValueAsString(report), OffsetDateTime.now(ZoneOffset.UTC),
                checked.profile().version()));
        return new IntakeOutcome.Refused(report, Optional.of(refused));
    }

    /** Opens the rows of an upload (header first). */
    private interface Rows {
        RowSource open() throws IOException;
    }

    private Staged validateAndStage(ManifestCheck.Checked checked, Rows source, Path staged, String id,
                                    ValidationReport.Collector report) throws IOException {
        long rows = 0;
        try (RecordValidator validator = new RecordValidator(standard, checked, report, staged.getParent());
             RowSource reader = source.open()) {
            RawRecord header = reader.next();
            if (header == null) {
                report.add(Problem.ofFile(Rule.FILE_EMPTY, "the file holds no header row, only blank lines"));
                return new Staged(0, Optional.empty());
            }
            if (!validator.acceptHeader(header)) {
                return new Staged(0, Optional.empty());
            }
            StagingWriter writer = new StagingWriter(staged, checked.recordType(), validator.fieldsInFile(), id);
            try (ValidatingThread validating = new ValidatingThread(validator, writer, report)) {
                for (RawRecord record; (record = reader.next()) != null; ) {
                    rows++;
                    validating.add(record);
                }
                validating.finish();
                validator.finish();
            } finally {
                writer.close();
            }
            report.rowsRead(rows);
            if (rows == 0) {
                report.add(Problem.ofFile(Rule.NO_DATA_ROWS, "the file has a header row but no records"));
            }
        } catch (UnreadableFileException e) {
            return new Staged(rows, Optional.of(UnreadableFileException.withoutPaths(e.getMessage())));
        }
        return new Staged(rows, Optional.empty());
    }

    private Submission register(ManifestCheck.Checked checked, String id, String sha256, long bytes, long rows, Path raw,
                                String rawName, UploadFormat format, Path staged, ValidationReport report)
            throws IOException, SQLException {
        SubmissionManifest m = checked.manifest();
        Path rawTarget = Path.of(layout.raw(), id, rawName);
        Path stagedDir = Path.of(layout.stagedSubmission(id));
        Files.createDirectories(rawTarget.getParent());
        Files.createDirectories(stagedDir.getParent());
        try {
            Files.move(raw, rawTarget, StandardCopyOption.ATOMIC_MOVE);
            rawTarget.toFile().setReadOnly(); // the raw file is kept immutable
            Files.move(staged, stagedDir, StandardCopyOption.ATOMIC_MOVE);
            Failpoint.reach("intake.before-register");
            return registry.registerAccepted(new SubmissionRegistry.NewSubmission(id, m.country(), m.source(),
                    checked.recordType().name(), checked.recordType().version(), m.period(), sha256, bytes, rows, format.extension(),
                    rawTarget.toString(), stagedDir.toString(), JSON.writeValueAsString(report),
                    OffsetDateTime.now(ZoneOffset.UTC), checked.profile().version()));
        } catch (IOException | SQLException | RuntimeException e) {
            org.darkfigure.files.Folders.deleteRecursively(rawTarget.getParent());
            org.darkfigure.files.Folders.deleteRecursively(stagedDir);
            throw e;
        }
    }

    /**
     * Removes what an interrupted upload may have left: the incoming/ work folders, and raw/ or staging/
     * folders that no registry row names. Call at start-up, before serving.
     */
    public int sweepOrphans() throws IOException, SQLException {
        Set<String> registered = registry.ids();
        int removed = 0;
        for (String folder : new String[] {layout.incoming(), layout.staging(), layout.raw()}) {
            Path dir = Path.of(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            boolean incoming = folder.equals(layout.incoming());
            try (Stream<Path> children = Files.list(dir)) {
                for (Path child : children.toList()) {
                    if (incoming || !registered.contains(child.getFileName().toString())) {
                        org.darkfigure.files.Folders.deleteRecursively(child);
                        removed++;
                    }
                }
            }
        }
        return removed;
    }

    private ValidationReport reportOf(Submission s) throws IOException {
        return JSON.readValue(s.reportJson(), ValidationReport.class);
    }

    static String newSubmissionId() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return "sub-" + HexFormat.of().formatHex(bytes);
    }

}
