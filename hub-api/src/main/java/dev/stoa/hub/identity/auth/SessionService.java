package dev.stoa.hub.identity.auth;

import dev.stoa.hub.identity.AccountService;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.identity.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Portal sessions, kept in the database so that any replica can serve them and signing out ends them
 * everywhere. The cookie carries a random secret; the table keeps its SHA-256.
 */
@ApplicationScoped
public class SessionService {

    public static final Duration LIFETIME = Duration.ofDays(14);
    private static final int SECRET_LENGTH = 43;

    /** Opens a session for a user and returns the secret for the cookie. */
    @Transactional
    public String open(long accountId) {
        return open(accountId, null);
    }

    /** Opens a session signed in through the identity provider, keeping its ID token for signing out there too. */
    @Transactional
    public String open(long accountId, String ssoIdToken) {
        String secret = Secrets.random(SECRET_LENGTH);
        WebSession session = new WebSession();
        session.secretHash = Secrets.sha256Hex(secret);
        session.accountId = accountId;
        session.createdAt = Instant.now();
        session.expiresAt = session.createdAt.plus(LIFETIME);
        session.ssoIdToken = ssoIdToken;
        session.persist();
        return secret;
    }

    @Transactional
    public Optional<Caller> resolve(String secret) {
        if (secret == null || secret.length() != SECRET_LENGTH) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        return WebSession.<WebSession>findByIdOptional(Secrets.sha256Hex(secret))
                .filter(s -> s.expiresAt.isAfter(now))
                .flatMap(s -> AccountService.callerOf(s.accountId, Caller.AuthMethod.SESSION, Optional.empty()));
    }

    /** The identity provider's ID token of a session opened by single sign-on. */
    @Transactional
    public Optional<String> ssoIdTokenOf(String secret) {
        if (secret == null || secret.length() != SECRET_LENGTH) {
            return Optional.empty();
        }
        return WebSession.<WebSession>findByIdOptional(Secrets.sha256Hex(secret)).map(s -> s.ssoIdToken);
    }

    @Transactional
    public void close(String secret) {
        if (secret != null) {
            WebSession.deleteById(Secrets.sha256Hex(secret));
        }
    }
}
