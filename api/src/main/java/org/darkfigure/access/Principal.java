package org.darkfigure.access;

/** An authenticated caller: the token it presented, its role and, for a submitter, its member state. */
public record Principal(String tokenId, Role role, String country, String label) {

    public boolean is(Role r) {
        return role == r;
    }

    /** Whether this principal is the submitter of {@code memberState} (admins read every state but submit for none). */
    public boolean mayActFor(String memberState) {
        return role == Role.SUBMITTER && country != null && country.equalsIgnoreCase(memberState);
    }
}
