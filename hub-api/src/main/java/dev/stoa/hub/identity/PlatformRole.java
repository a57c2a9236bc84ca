package dev.stoa.hub.identity;

/**
 * What an account may do across the whole Stoa, beyond its own namespaces: curators read every repository,
 * moderators quarantine and lift, handle reports and hide repositories, administrators do everything.
 */
public enum PlatformRole {
    member,
    curator,
    moderator,
    admin
}
