package dev.stoa.hub.identity;

/** A user's membership in an organisation. */
public record Membership(String organization, String fullname, OrgRole role) {
}
