/**
 * Accounts and organisations: users, organisations and their members and roles, platform roles, passwords,
 * single sign-on accounts and groups, and {@link dev.stoa.hub.identity.Caller}, who is calling, which every feature
 * uses. Owns the {@code account}, membership and SSO link tables.
 * <p>Uses: {@code event}, {@code config}, {@code db}, {@code error}.
 */
package dev.stoa.hub.identity;
