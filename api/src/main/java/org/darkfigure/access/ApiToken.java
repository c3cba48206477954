package org.darkfigure.access;

import java.time.OffsetDateTime;

/** A token as the registry keeps it: never the token itself, only its hash. */
public record ApiToken(String id, Role role, String country, String label, String createdBy, OffsetDateTime createdAt,
                       OffsetDateTime expiresAt, OffsetDateTime revokedAt) {

    public boolean usableAt(OffsetDateTime now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }

    public Principal principal() {
        return new Principal(id, role, country, label);
    }
}
