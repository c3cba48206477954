package org.darkfigure.access;

import io.javalin.security.RouteRole;
import java.util.Locale;

/**
 * Who a principal is to the programme. A submitter is bound to one member state; researchers read
 * disclosure-controlled releases; viewers read charts and published tables; admins run pipelines,
 * manage tokens and read the audit log. Routes name the roles they admit ({@link Access} adds the
 * markers for public routes and for any signed-in principal).
 */
public enum Role implements RouteRole {
    SUBMITTER, RESEARCHER, VIEWER, ADMIN;

    public static Role parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown role '" + value + "' (submitter, researcher, viewer, admin)");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
