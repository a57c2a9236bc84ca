package dev.stoa.hub.identity;

import dev.stoa.hub.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Personal access tokens: {@code stoa_} followed by 40 random letters and digits (about 238 bits).
 * The secret is shown once, at creation; Stoa keeps its SHA-256 and a short prefix to tell tokens apart.
 */
@ApplicationScoped
public class TokenService {

    public static final String PREFIX = "stoa_";
    static final Pattern FORMAT = Pattern.compile("stoa_[A-Za-z0-9]{20,100}");
    private static final int SECRET_LENGTH = 40;
    private static final int SHOWN_PREFIX_LENGTH = PREFIX.length() + 6;
    private static final int MAX_NAME_LENGTH = 100;
    /** Recording every use would turn each read into a write; once a minute is enough to tell stale tokens. */
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    /** A token as listed: everything but the secret. */
    public record TokenView(UUID id, String name, String prefix, TokenScope scope, Instant createdAt,
                            Instant expiresAt, Instant lastUsedAt) {
        static TokenView of(AccessToken token) {
            return new TokenView(token.id, token.name, token.prefix, token.scope, token.createdAt, token.expiresAt,
                    token.lastUsedAt);
        }
    }

    /** A token just created, with the secret that is never shown again. */
    public record CreatedToken(TokenView token, String secret) {
    }

    /** Creates a token for the caller; a read-only token cannot create tokens. */
    @Transactional
    public CreatedToken create(Caller caller, String name, TokenScope scope, Instant expiresAt) {
        caller.requireWrite();
        if (name == null || name.isBlank()) {
            throw ApiException.invalidField("name", "Give the token a name, so you can tell it apart later.");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw ApiException.invalidField("name", "The name may be at most " + MAX_NAME_LENGTH + " characters long.");
        }
        if (scope == null) {
            throw ApiException.invalidField("scope", "Choose the scope: 'read' or 'write'.");
        }
        if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
            throw ApiException.invalidField("expiresAt", "The expiry must be in the future.");
        }
        return issue(caller.accountId(), name.strip(), scope, expiresAt, PREFIX + Secrets.random(SECRET_LENGTH));
    }

    /** Stores a token with a given secret; the caller has checked the secret's format. */
    @Transactional
    CreatedToken issue(long accountId, String name, TokenScope scope, Instant expiresAt, String secret) {
        AccessToken token = new AccessToken();
        token.id = UUID.randomUUID();
        token.accountId = accountId;
        token.name = name;
        token.prefix = secret.substring(0, SHOWN_PREFIX_LENGTH);
        token.secretHash = Secrets.sha256(secret);
        token.scope = scope;
        token.createdAt = Instant.now();
        token.expiresAt = expiresAt;
        token.persist();
        return new CreatedToken(TokenView.of(token), secret);
    }

    public List<TokenView> list(Caller caller) {
        return AccessToken.activeOf(caller.accountId()).stream().map(TokenView::of).toList();
    }

    /** Revokes one of the caller's tokens; someone else's token is reported as missing. */
    @Transactional
    public void revoke(Caller caller, String tokenId) {
        UUID id = parseId(tokenId);
        AccessToken token = Optional.ofNullable(id).flatMap(key -> AccessToken.<AccessToken>findByIdOptional(key))
                .filter(t -> t.accountId == caller.accountId() && t.revokedAt == null)
                .orElseThrow(() -> ApiException.notFound("TokenNotFound", "You have no token with id " + tokenId + "."));
        if (!caller.canWrite() && !caller.token().map(t -> t.id().equals(id)).orElse(false)) {
            throw ApiException.forbidden("A read-only token can revoke only itself; use a token with the 'write' scope.");
        }
        token.revokedAt = Instant.now();
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The caller a token secret stands for; empty when it is unknown, revoked or expired. */
    @Transactional
    public Optional<Caller> authenticate(String secret) {
        if (secret == null || !FORMAT.matcher(secret).matches()) {
            return Optional.empty();
        }
        byte[] hash = Secrets.sha256(secret);
        Instant now = Instant.now();
        Optional<AccessToken> found = AccessToken.findBySecretHash(hash)
                .filter(t -> MessageDigest.isEqual(t.secretHash, hash))
                .filter(t -> t.usableAt(now));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        AccessToken token = found.get();
        if (token.lastUsedAt == null || token.lastUsedAt.isBefore(now.minus(LAST_USED_RESOLUTION))) {
            token.lastUsedAt = now;
        }
        Account account = Account.findById(token.accountId);
        return Optional.of(AccountService.callerOf(account, Caller.AuthMethod.TOKEN,
                Optional.of(new Caller.TokenGrant(token.id, token.name, token.scope, token.createdAt))));
    }
}
