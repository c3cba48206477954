package org.darkfigure.access;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The pages of the site menu and who may open each (issue 18, item 9: the menu shows only what the role may open).
 * The routes' own rules decide access; {@code AccessTest} holds this list to them.
 */
public final class Menu {

    /** A menu entry: the page and the roles that may open it (all of them for public pages). */
    public record Entry(String path, String label, Set<Role> roles) {
    }

    private static final Set<Role> READERS = EnumSet.of(Role.VIEWER, Role.RESEARCHER, Role.ADMIN);

    public static final List<Entry> ENTRIES = List.of(
            new Entry("/", "Estimates", READERS),
            new Entry("/detections", "Detections", READERS),
            new Entry("/releases", "Releases", READERS),
            new Entry("/upload", "Upload", EnumSet.of(Role.SUBMITTER)),
            new Entry("/submissions", "Submissions", EnumSet.of(Role.SUBMITTER, Role.ADMIN)),
            new Entry("/runs", "Runs", EnumSet.of(Role.ADMIN)),
            new Entry("/admin/tokens", "Tokens", EnumSet.of(Role.ADMIN)),
            new Entry("/admin/audit", "Audit", EnumSet.of(Role.ADMIN)),
            new Entry("/codebook", "Codebook", EnumSet.allOf(Role.class)),
            new Entry("/api/docs", "API", EnumSet.allOf(Role.class)));

    private Menu() {
    }

    /** The entries anyone may open, signed in or not (the menu of a page read without signing in). */
    public static List<Entry> everyone() {
        return ENTRIES.stream().filter(e -> e.roles().size() == Role.values().length).toList();
    }

    /** The entries a role may open, in menu order. */
    public static List<Entry> of(Role role) {
        return ENTRIES.stream().filter(e -> e.roles().contains(role)).toList();
    }
}
