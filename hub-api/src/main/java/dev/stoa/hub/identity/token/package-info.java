/**
 * Access tokens: creating, listing, revoking, their scopes and restrictions, and the administrator's
 * token created on the first start. Owns the {@code access_token} tables.
 * <p>Uses: {@code identity}, {@code event}, {@code config}, {@code error}.
 */
package dev.stoa.hub.identity.token;
