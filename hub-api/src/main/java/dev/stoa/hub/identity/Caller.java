package dev.stoa.hub.identity;

import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.event.Change;
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

    public static final String ATTRIBUTE = "stoa.caller";

    /** How a caller authenticated; {@code SSO}: with the identity provider's access token (acts like a write token). */
    public enum AuthMethod { TOKEN, PASSWORD, SESSION, SSO }

    /**
     * The access token a request came with.
     *
     * @param restriction what the token is limited to beyond its scope; empty for a token of the account's full rights
     */
    public record TokenGrant(UUID id, String name, TokenScope scope, Instant createdAt,
                             Optional<TokenRestriction> restriction) {
        public TokenGrant {
            restriction = restriction == null ? Optional.empty() : restriction;
        }

        /** A token without a restriction. */
        public TokenGrant(UUID id, String name, TokenScope scope, Instant createdAt) {
            this(id, name, scope, createdAt, Optional.empty());
        }
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

    /** The caller of a portal page; a 401 saying "Sign in to {@code toDoWhat}." for an anonymous one. */
    public static Caller signedIn(SecurityIdentity identity, String toDoWhat) {
        return of(identity).orElseThrow(() -> ApiException.unauthorized("Sign in to " + toDoWhat + "."));
    }

    /** This account, as the actor of a change it makes. */
    public Change.Actor actor() {
        return new Change.Actor(accountId, name);
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

    /**
     * This caller, or a 403 unless it has its account's full rights: managing tokens and organisations needs
     * a session, a password or an unrestricted token with the write scope.
     */
    public Caller requireUnrestricted() {
        requireWrite();
        if (restriction().isPresent()) {
            throw ApiException.forbidden("This token is limited to "
                    + (restriction().get() instanceof TokenRestriction.Organization org ? "the organisation " + org.organizationName()
                    : "listed repositories") + "; managing tokens and organisations needs an unrestricted token with the 'write' scope.");
        }
        return this;
    }

    /** What the caller's token is limited to; empty without a token or for an unrestricted one. */
    public Optional<TokenRestriction> restriction() {
        return token.flatMap(TokenGrant::restriction);
    }

    public boolean isAdmin() {
        return platformRole == PlatformRole.admin;
    }

    /** Moderators (and administrators) quarantine and lift, handle reports and hide repositories. */
    public boolean isModerator() {
        return platformRole == PlatformRole.moderator || isAdmin();
    }

    /** Curators (and administrators) may read every repository, private ones included. */
    public boolean isCurator() {
        return platformRole == PlatformRole.curator || isAdmin();
    }
}
