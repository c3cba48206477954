package org.darkfigure.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The runs table: a run's lifecycle and progress. */
public final class RunRegistry {

    private static final String COLUMNS = "id, status, stage, stages_done, stages_total, inputs, seed, release_id, "
            + "message, manifest_path, log_path, created_at, finished_at";

    private final DataSource dataSource;

    public RunRegistry(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void create(Run run) throws SQLException {
        update("INSERT INTO runs (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                run.id(), run.status().name(), run.stage(), run.stagesDone(), run.stagesTotal(), run.inputs(),
                run.seed(), run.releaseId(), run.message(), run.manifestPath(), run.logPath(), run.createdAt(),
                run.finishedAt());
    }

    public void progress(String id, String stage, int done, int total) throws SQLException {
        update("UPDATE runs SET stage = ?, stages_done = ?, stages_total = ? WHERE id = ?", stage, done, total, id);
    }

    public void finish(String id, RunStatus status, String releaseId, String message) throws SQLException {
        update("UPDATE runs SET status = ?, release_id = ?, message = ?, finished_at = ? WHERE id = ?", status.name(),
                releaseId, message, OffsetDateTime.now(ZoneOffset.UTC), id);
    }

    /** Marks runs left RUNNING by a process that died as failed; returns how many. */
    public int failAbandoned(String message) throws SQLException {
        return update("UPDATE runs SET status = ?, message = ?, finished_at = ? WHERE status = ?",
                RunStatus.FAILED.name(), message, OffsetDateTime.now(ZoneOffset.UTC), RunStatus.RUNNING.name());
    }

    public Optional<Run> find(String id) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM runs WHERE id = ?", id).stream().findFirst();
    }

    public Optional<Run> active() throws SQLException {
        return query("SELECT " + COLUMNS + " FROM runs WHERE status = ?", RunStatus.RUNNING.name()).stream().findFirst();
    }

    public List<Run> all() throws SQLException {
        return query("SELECT " + COLUMNS + " FROM runs ORDER BY created_at DESC, id DESC");
    }

    private int update(String sql, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                p.setObject(i + 1, params[i]);
            }
            return p.executeUpdate();
        }
    }

    private List<Run> query(String sql, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                p.setObject(i + 1, params[i]);
            }
            List<Run> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new Run(rs.getString("id"), RunStatus.valueOf(rs.getString("status")), rs.getString("stage"),
                            rs.getInt("stages_done"), rs.getInt("stages_total"), rs.getInt("inputs"), rs.getLong("seed"),
                            rs.getString("release_id"), rs.getString("message"), rs.getString("manifest_path"),
                            rs.getString("log_path"), rs.getObject("created_at", OffsetDateTime.class),
                            rs.getObject("finished_at", OffsetDateTime.class)));
                }
            }
            return out;
        }
    }
}
