package dev.stoa.hub.identity;

/** What an account may do across the whole Stoa, beyond its own namespaces. */
public enum PlatformRole {
    member,
    curator,
    admin
}
