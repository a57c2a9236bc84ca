package dev.stoa.hub.identity.auth;

import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.identity.token.TokenService;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/**
 * Reads the credentials of every route family: {@code Authorization: Bearer <token>} (API clients),
 * HTTP Basic with a token as password (git, git-lfs) or with a password (first token from a CLI), and
 * the portal's session cookie. A bearer token in the shape of a JWT is the identity provider's access token
 * (single sign-on); it ends up as the same {@link Caller} model.
 */
@ApplicationScoped
public class StoaAuthenticationMechanism implements HttpAuthenticationMechanism {

    public static final String SESSION_COOKIE = "stoa_session";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String authorization = context.request().getHeader("Authorization");
        if (authorization != null) {
            AuthenticationRequest request;
            try {
                request = requestFor(authorization.strip());
            } catch (AuthenticationFailedException e) {
                return Uni.createFrom().failure(e);
            }
            return identities.authenticate(request);
        }
        Cookie session = context.request().getCookie(SESSION_COOKIE);
        if (session != null) {
            // An expired or signed-out session is simply anonymous: the portal then offers to sign in.
            return identities.authenticate(new SessionAuthenticationRequest(session.getValue()))
                    .onFailure(AuthenticationFailedException.class).recoverWithNull();
        }
        return Uni.createFrom().nullItem();
    }

    private static AuthenticationRequest requestFor(String authorization) {
        int space = authorization.indexOf(' ');
        String scheme = space < 0 ? authorization : authorization.substring(0, space);
        String value = space < 0 ? "" : authorization.substring(space + 1).strip();
        if (scheme.equalsIgnoreCase("Bearer")) {
            return looksLikeJwt(value) ? new SsoTokenAuthenticationRequest(value) : tokenRequest(value);
        }
        if (scheme.equalsIgnoreCase("Basic")) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new AuthenticationFailedException("Basic credentials are not valid base64");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new AuthenticationFailedException("Basic credentials have no password");
            }
            String user = decoded.substring(0, colon);
            String password = decoded.substring(colon + 1);
            // git sends any user name with the token as password.
            return TokenService.isTokenSpelling(password)
                    ? tokenRequest(password)
                    : new UsernamePasswordAuthenticationRequest(user, new PasswordCredential(password.toCharArray()));
        }
        throw new AuthenticationFailedException("Unsupported authorization scheme");
    }

    /** Three base64url parts separated by dots; a Stoa token never has a dot. */
    private static boolean looksLikeJwt(String value) {
        return !TokenService.isTokenSpelling(value) && value.chars().filter(c -> c == '.').count() == 2;
    }

    private static TokenAuthenticationRequest tokenRequest(String token) {
        return new TokenAuthenticationRequest(new TokenCredential(token, "bearer"));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Basic realm=\"Stoa\""));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class, UsernamePasswordAuthenticationRequest.class,
                SessionAuthenticationRequest.class, SsoTokenAuthenticationRequest.class);
    }
}
