/**
 * Authentication: turning a token, a password, a session cookie or an identity provider's token into a
 * {@link dev.stoa.hub.identity.Caller}; portal sessions and their cookies; throttling of failed attempts.
 * <p>Uses: {@code identity}, {@code identity.token}, {@code ops}, {@code config}, {@code error}.
 */
package dev.stoa.hub.identity.auth;
