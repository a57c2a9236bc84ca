/**
 * Single sign-on with an OpenID Connect provider (Keycloak): the portal's sign-in flow, the device login of
 * command-line clients, and the provider's access tokens as credentials.
 * <p>Uses: {@code identity}, {@code identity.auth}, {@code identity.token}, {@code ops}, {@code config},
 * {@code error}.
 */
package dev.stoa.hub.sso;
