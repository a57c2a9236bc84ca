package dev.stoa.hub.identity.auth;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A bearer token that is not a Stoa token: the identity provider's access token (a JWT). */
public final class SsoTokenAuthenticationRequest extends BaseAuthenticationRequest {

    private final String token;

    public SsoTokenAuthenticationRequest(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }
}
