package org.darkfigure.access;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log in the registry: who, when, what, which object, with what outcome, from where. Only ever
 * appended to. Writing an entry must not break the request it records, so a failure is logged instead.
 */
public final class AuditLog {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

    private final DataSource dataSource;

    public AuditLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One entry; {@code principal} is a token id or "anonymous". */
    public record Entry(long id, OffsetDateTime at, String principal, String role, String country, String action,
                        String object, String outcome, String detail, String remote) {
    }

    public void record(Principal who, String action, String object, String outcome, String detail, String remote) {
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(
                "INSERT INTO audit_log (at, principal, role, country, action, object, outcome, detail, remote) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
            p.setString(2, who == null ? "anonymous" : who.tokenId());
            p.setString(3, who == null ? null : who.role().label());
            p.setString(4, who == null ? null : who.country());
            p.setString(5, action);
            p.setString(6, truncate(object, 400));
            p.setString(7, outcome);
            p.setString(8, truncate(detail, 1000));
            p.setString(9, truncate(remote, 64));
            p.executeUpdate();
        } catch (SQLException e) {
            LOG.error("could not write the audit entry {} {} {}: {}", action, object, outcome, e.getMessage());
        }
    }

    /** The newest entries first, at most {@code limit}; optionally only one action. */
    public List<Entry> newest(int limit, String action) throws SQLException {
        String sql = "SELECT id, at, principal, role, country, action, object, outcome, detail, remote FROM audit_log"
                + (action == null ? "" : " WHERE action = ?") + " ORDER BY id DESC";
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            if (action != null) {
                p.setString(1, action);
            }
            p.setMaxRows(Math.max(1, Math.min(limit, 10_000)));
            List<Entry> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new Entry(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                            rs.getString(10)));
                }
            }
            return out;
        }
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
