package dev.stoa.hub.identity;

/** A member's role in an organisation: each one includes the rights of the ones before it. */
public enum OrgRole {
    read,
    write,
    admin
}
