package dev.stoa.hub.identity.auth;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A portal session cookie to turn into an identity. */
final class SessionAuthenticationRequest extends BaseAuthenticationRequest {

    private final String secret;

    SessionAuthenticationRequest(String secret) {
        this.secret = secret;
    }

    String secret() {
        return secret;
    }
}
