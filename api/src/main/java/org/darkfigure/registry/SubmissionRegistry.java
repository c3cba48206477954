package org.darkfigure.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/** The submissions table: registering accepted submissions (superseding the slice's previous one) and reading them. */
public final class SubmissionRegistry {

    private static final String COLUMNS = "id, country, source, record_type, schema_version, period, revision, status, "
            + "superseded_by, sha256, bytes, rows_accepted, format, raw_path, staged_path, report, received_at, profile_version";

    private final DataSource dataSource;

    public SubmissionRegistry(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Facts of a new submission; the registry assigns its revision and status. */
    public record NewSubmission(String id, String country, String source, String recordType, int schemaVersion,
                                String period, String sha256, long bytes, long rows, String format, String rawPath,
                                String stagedPath, String reportJson, OffsetDateTime receivedAt, int profileVersion) {
    }

    /**
     * Registers an accepted submission as the slice's next revision and marks the previous current one
     * superseded, in one transaction.
     */
    public Submission registerAccepted(NewSubmission s) throws SQLException {
        // two uploads of one slice at once both read revision n and insert n+1: the slice's unique revision
        // constraint refuses the second, which then retries against the committed state
        for (int attempt = 1; ; attempt++) {
            try {
                insertAccepted(s);
                return find(s.id()).orElseThrow();
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState()) || attempt == MAX_ATTEMPTS || find(s.id()).isPresent()) {
                    throw e;
                }
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextInt(5, 20 * attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static final String UNIQUE_VIOLATION = "23505";
    private static final int MAX_ATTEMPTS = 20;

    private void insertAccepted(NewSubmission s) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int revision = 1;
                String previous = null;
                try (PreparedStatement p = c.prepareStatement("SELECT id, revision, status FROM submissions "
                        + "WHERE country = ? AND source = ? AND record_type = ? AND period = ? ORDER BY revision DESC")) {
                    bindSlice(p, s.country(), s.source(), s.recordType(), s.period());
                    try (ResultSet rs = p.executeQuery()) {
                        while (rs.next()) {
                            revision = Math.max(revision, rs.getInt(2) + 1);
                            if (SubmissionStatus.ACCEPTED.name().equals(rs.getString(3))) {
                                previous = rs.getString(1);
                            }
                        }
                    }
                }
                try (PreparedStatement p = c.prepareStatement("INSERT INTO submissions (" + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    p.setString(1, s.id());
                    p.setString(2, s.country());
                    p.setString(3, s.source());
                    p.setString(4, s.recordType());
                    p.setInt(5, s.schemaVersion());
                    p.setString(6, s.period());
                    p.setInt(7, revision);
                    p.setString(8, SubmissionStatus.ACCEPTED.name());
                    p.setString(9, null);
                    p.setString(10, s.sha256());
                    p.setLong(11, s.bytes());
                    p.setLong(12, s.rows());
                    p.setString(13, s.format());
                    p.setString(14, s.rawPath());
                    p.setString(15, s.stagedPath());
                    p.setString(16, s.reportJson());
                    p.setObject(17, s.receivedAt());
                    p.setInt(18, s.profileVersion());
                    p.executeUpdate();
                }
                if (previous != null) {
                    try (PreparedStatement p = c.prepareStatement(
                            "UPDATE submissions SET status = ?, superseded_by = ? WHERE id = ?")) {
                        p.setString(1, SubmissionStatus.SUPERSEDED.name());
                        p.setString(2, s.id());
                        p.setString(3, previous);
                        p.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    public Optional<Submission> find(String id) throws SQLException {
        List<Submission> found = query("SELECT " + COLUMNS + " FROM submissions WHERE id = ?", id);
        if (found.isEmpty()) {
            found = query(REFUSED_SELECT + " WHERE id = ?", id);
        }
        return found.stream().findFirst();
    }

    /** Records a refused upload: its report and facts, never its data. */
    public Submission registerRefused(NewSubmission s) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(
                "INSERT INTO refused_uploads (id, country, source, record_type, schema_version, period, sha256, bytes, "
                        + "format, report, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, s.id());
            p.setString(2, s.country());
            p.setString(3, s.source());
            p.setString(4, s.recordType());
            p.setInt(5, s.schemaVersion());
            p.setString(6, s.period());
            p.setString(7, s.sha256());
            p.setLong(8, s.bytes());
            p.setString(9, s.format());
            p.setString(10, s.reportJson());
            p.setObject(11, s.receivedAt());
            p.executeUpdate();
        }
        return find(s.id()).orElseThrow();
    }

    /** Refused uploads, newest first. */
    public List<Submission> refused() throws SQLException {
        return query(REFUSED_SELECT + " ORDER BY received_at DESC, id");
    }

    private static final String REFUSED_SELECT = "SELECT id, country, source, record_type, schema_version, period, "
            + "0 AS revision, 'REFUSED' AS status, CAST(NULL AS VARCHAR(40)) AS superseded_by, sha256, bytes, "
            + "0 AS rows_accepted, format, '' AS raw_path, '' AS staged_path, report, received_at, 0 AS profile_version "
            + "FROM refused_uploads";

    /** The slice's current submission if it has exactly these bytes (an upload repeated). */
    public Optional<Submission> currentWithChecksum(String country, String source, String recordType, String period,
                                                    String sha256) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM submissions WHERE country = ? AND source = ? AND record_type = ? "
                + "AND period = ? AND sha256 = ? AND status = ?", country, source, recordType, period, sha256,
                SubmissionStatus.ACCEPTED.name()).stream().findFirst();
    }

    /** Every registered submission, newest first. */
    public List<Submission> all() throws SQLException {
        return query("SELECT " + COLUMNS + " FROM submissions ORDER BY received_at DESC, id");
    }

    /** The current submission of every slice: what a pipeline run reads. */
    public List<Submission> current() throws SQLException {
        return query("SELECT " + COLUMNS + " FROM submissions WHERE status = ? ORDER BY country, source, record_type, period",
                SubmissionStatus.ACCEPTED.name());
    }

    /** Ids of every registered submission, to tell orphaned files from registered ones. */
    public java.util.Set<String> ids() throws SQLException {
        java.util.Set<String> ids = new java.util.HashSet<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement p = c.prepareStatement("SELECT id FROM submissions");
             ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private List<Submission> query(String sql, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                p.setObject(i + 1, params[i]);
            }
            List<Submission> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new Submission(rs.getString("id"), rs.getString("country"), rs.getString("source"),
                            rs.getString("record_type"), rs.getInt("schema_version"), rs.getString("period"),
                            rs.getInt("revision"), SubmissionStatus.valueOf(rs.getString("status")),
                            rs.getString("superseded_by"), rs.getString("sha256"), rs.getLong("bytes"),
                            rs.getLong("rows_accepted"), rs.getString("format"), rs.getString("raw_path"),
                            rs.getString("staged_path"), rs.getString("report"),
                            rs.getObject("received_at", OffsetDateTime.class), rs.getInt("profile_version")));
                }
            }
            return out;
        }
    }

    private static void bindSlice(PreparedStatement p, String country, String source, String recordType, String period)
            throws SQLException {
        p.setString(1, country);
        p.setString(2, source);
        p.setString(3, recordType);
        p.setString(4, period);
    }
}
