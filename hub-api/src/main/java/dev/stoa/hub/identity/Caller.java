package dev.stoa.hub.identity;

import dev.stoa.hub.error.ApiException;
import io.quarkus.security.identity.SecurityIdentity;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The authenticated account behind a request, and how it proved who it is.
 *
 * @param token the access token used, when the request came with one
 */
public record Caller(long accountId, String name, PlatformRole platformRole, AuthMethod method, Optional<TokenGrant> token) {

    static final String ATTRIBUTE = "stoa.caller";

    /** How a caller authenticated; {@code SSO}: with the identity provider's access token (acts like a write token). */
    public enum AuthMethod { TOKEN, PASSWORD, SESSION, SSO }

    /** The access token a request came with. */
    public record TokenGrant(UUID id, String name, TokenScope scope, Instant createdAt) {
    }

    /** The caller of a request, or empty for an anonymous one. */
    public static Optional<Caller> of(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return Optional.empty();
        }
        return Optional.ofNullable(identity.getAttribute(ATTRIBUTE));
    }

    /** The caller of a request; a 401 for an anonymous one. */
    public static Caller required(SecurityIdentity identity) {
        return of(identity).orElseThrow(() -> ApiException.unauthorized(
                "Sign in first: send Authorization: Bearer <token> with a Stoa access token."));
    }

    /** Whether this caller may change things: anything but a read-only token. */
    public boolean canWrite() {
        return token.map(t -> t.scope() == TokenScope.write).orElse(true);
    }

    /** This caller, or a 403 when it authenticated with a read-only token. */
    public Caller requireWrite() {
        if (!canWrite()) {
            throw ApiException.forbidden("This token is read-only; use a token with the 'write' scope.");
        }
        return this;
    }

    public boolean isAdmin() {
        return platformRole == PlatformRole.admin;
    }
}
