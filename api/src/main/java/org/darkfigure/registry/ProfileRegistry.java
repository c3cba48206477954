package org.darkfigure.registry;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;
import org.darkfigure.profile.NationalProfile;
import org.darkfigure.standard.Standard;

/** National profiles, versioned: a new profile for a country gets the next version and becomes current. */
public final class ProfileRegistry {

    private final DataSource dataSource;
    private final Standard standard;

    public ProfileRegistry(DataSource dataSource, Standard standard) {
        this.dataSource = dataSource;
        this.standard = standard;
    }

    /** Checks and stores a profile as the country's next version. */
    public NationalProfile save(String country, String json) throws SQLException, IOException {
        NationalProfile parsed = NationalProfile.parse(standard, json, 0);
        if (!parsed.country().equals(country)) {
            throw new NationalProfile.InvalidProfileException(java.util.List.of(
                    "the profile is for " + parsed.country() + " but was sent for " + country));
        }
        return store(parsed);
    }

    /**
     * Declares the country's sources (code to description), keeping its national code lists: the next version.
     * {@code json} is an object such as {@code {"IDN-POLICE": "National Police"}}; it replaces the declared sources.
     */
    public NationalProfile saveSources(String country, String json) throws SQLException, IOException {
        com.fasterxml.jackson.databind.node.ObjectNode profile = (com.fasterxml.jackson.databind.node.ObjectNode)
                JSON.readTree(current(country).toJson());
        profile.put("country", country);
        profile.set("sources", JSON.readTree(json));
        if (profile.path("fields").isEmpty()) {
            profile.remove("fields");
        }
        return save(country, profile.toString());
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private NationalProfile store(NationalProfile parsed) throws SQLException, IOException {
        String country = parsed.country();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int version = 1;
                try (PreparedStatement p = c.prepareStatement("SELECT MAX(version) FROM national_profiles WHERE country = ?")) {
                    p.setString(1, country);
                    try (ResultSet rs = p.executeQuery()) {
                        if (rs.next()) {
                            version = rs.getInt(1) + 1;
                        }
                    }
                }
                NationalProfile profile = new NationalProfile(country, version, parsed.fields(), parsed.sources());
                try (PreparedStatement p = c.prepareStatement(
                        "INSERT INTO national_profiles (country, version, profile, created_at) VALUES (?, ?, ?, ?)")) {
                    p.setString(1, country);
                    p.setInt(2, version);
                    p.setString(3, profile.toJson());
                    p.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
                    p.executeUpdate();
                }
                c.commit();
                return profile;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** The country's current profile; the empty profile (version 0) when it has none. */
    public NationalProfile current(String country) throws SQLException, IOException {
        return find(country, null).orElse(NationalProfile.none(country));
    }

    /** Every country's current profile, by country. */
    public java.util.SortedMap<String, NationalProfile> allCurrent() throws SQLException, IOException {
        java.util.SortedMap<String, NationalProfile> all = new java.util.TreeMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(
                "SELECT country, version, profile FROM national_profiles p WHERE version = "
                        + "(SELECT MAX(version) FROM national_profiles q WHERE q.country = p.country)");
             ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                all.put(rs.getString(1), NationalProfile.parse(standard, rs.getString(3), rs.getInt(2)));
            }
        }
        return all;
    }

    public Optional<NationalProfile> find(String country, Integer version) throws SQLException, IOException {
        String sql = version == null
                ? "SELECT version, profile FROM national_profiles WHERE country = ? ORDER BY version DESC"
                : "SELECT version, profile FROM national_profiles WHERE country = ? AND version = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, country);
            if (version != null) {
                p.setInt(2, version);
            }
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(NationalProfile.parse(standard, rs.getString(2), rs.getInt(1)));
            }
        }
    }
}
