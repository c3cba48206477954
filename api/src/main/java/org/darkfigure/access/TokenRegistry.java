package org.darkfigure.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.darkfigure.codes.IsoCountries;

/**
 * API tokens: 256 random bits, shown once when issued, kept only as a SHA-256 (a stolen database does not
 * hold usable tokens; the tokens' entropy makes a slow hash unnecessary), with an expiry and revocation.
 */
public final class TokenRegistry {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PREFIX = "dft_";
    private static final String COLUMNS = "id, role, country, label, created_by, created_at, expires_at, revoked_at";

    private final DataSource dataSource;

    public TokenRegistry(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A token just issued: its record and the secret, which exists nowhere else. */
    public record Issued(ApiToken token, String secret) {
    }

    /** Issues a token; a submitter token needs its member state, other roles take none. */
    public Issued issue(Role role, String country, String label, int days, String createdBy) throws SQLException {
        String state = country == null || country.isBlank() ? null : country.strip().toUpperCase(Locale.ROOT);
        if (role == Role.SUBMITTER && state == null) {
            throw new IllegalArgumentException("a submitter token needs --country (the member state it submits for)");
        }
        if (role != Role.SUBMITTER && state != null) {
            throw new IllegalArgumentException("only submitter tokens are bound to a country; a " + role.label()
                    + " token takes no country");
        }
        if (state != null && !IsoCountries.alpha3Names().containsKey(state)) {
            throw new IllegalArgumentException("'" + state + "' is not an ISO 3166 alpha-3 country code");
        }
        if (days < 1 || days > 3650) {
            throw new IllegalArgumentException("a token lives 1 to 3650 days, not " + days);
        }
        byte[] secretBytes = new byte[32];
        RANDOM.nextBytes(secretBytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        byte[] idBytes = new byte[6];
        RANDOM.nextBytes(idBytes);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
        ApiToken token = new ApiToken("tok-" + HexFormat.of().formatHex(idBytes), role, state,
                label == null || label.isBlank() ? role.label() + (state == null ? "" : " " + state) : label.strip(),
                createdBy, now, now.plusDays(days), null);
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(
                "INSERT INTO api_tokens (id, token_hash, role, country, label, created_by, created_at, expires_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, token.id());
            p.setString(2, hash(secret));
            p.setString(3, role.name());
            p.setString(4, state);
            p.setString(5, token.label());
            p.setString(6, createdBy);
            p.setObject(7, token.createdAt());
            p.setObject(8, token.expiresAt());
            p.executeUpdate();
        }
        return new Issued(token, secret);
    }

    /** The token a secret belongs to, usable or not (the caller says which, and why not). */
    public Optional<ApiToken> bySecret(String secret) throws SQLException {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
            return Optional.empty();
        }
        return query("SELECT " + COLUMNS + " FROM api_tokens WHERE token_hash = ?", hash(secret)).stream().findFirst();
    }

    public Optional<ApiToken> find(String id) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM api_tokens WHERE id = ?", id).stream().findFirst();
    }

    /** Every token, newest first (no secrets: there are none to show). */
    public List<ApiToken> all() throws SQLException {
        return query("SELECT " + COLUMNS + " FROM api_tokens ORDER BY created_at DESC, id");
    }

    /** Revokes a token; false if there is no such token or it was already revoked. */
    public boolean revoke(String id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(
                "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
            p.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
            p.setString(2, id);
            return p.executeUpdate() == 1;
        }
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<ApiToken> query(String sql, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                p.setObject(i + 1, params[i]);
            }
            List<ApiToken> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new ApiToken(rs.getString("id"), Role.valueOf(rs.getString("role")), rs.getString("country"),
                            rs.getString("label"), rs.getString("created_by"), rs.getObject("created_at", OffsetDateTime.class),
                            rs.getObject("expires_at", OffsetDateTime.class), rs.getObject("revoked_at", OffsetDateTime.class)));
                }
            }
            return out;
        }
    }
}
