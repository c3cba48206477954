package org.darkfigure.access;

import io.javalin.security.RouteRole;

/** Route markers beside the {@link Role}s: open to anyone, or to any signed-in principal. A route with neither is closed. */
public enum Access implements RouteRole {
    PUBLIC, SIGNED_IN
}
