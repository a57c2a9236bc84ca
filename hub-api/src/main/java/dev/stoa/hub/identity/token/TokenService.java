package dev.stoa.hub.identity.token;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.event.Change;
import dev.stoa.hub.event.Outbox;
import dev.stoa.hub.identity.AccountService;
import dev.stoa.hub.identity.AccountView;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.identity.Secrets;
import dev.stoa.hub.identity.TokenRestriction;
import dev.stoa.hub.identity.TokenScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Personal access tokens: {@code stoa_} followed by 40 random letters and digits (about 238 bits).
 * The secret is shown once, at creation; Stoa keeps its SHA-256 and a short prefix to tell tokens apart.
 * <p>
 * Every token is also accepted spelled {@code hf_stoa_...}: Hugging Face's JavaScript client refuses any token that
 * does not start with {@code hf_}. The underscore after {@code stoa} keeps that spelling out of the secret scanners'
 * pattern for Hugging Face tokens ({@code hf_} and 34 letters), so a leaked Stoa token is never sent to Hugging Face.
 */
@ApplicationScoped
public class TokenService {

    public static final String PREFIX = "stoa_";
    /** What clients that take only tokens starting with {@code hf_} get in front of the same secret. */
    private static final String CLIENT_MARK = "hf_";
    public static final String CLIENT_PREFIX = CLIENT_MARK + PREFIX;
    static final Pattern FORMAT = Pattern.compile("stoa_[A-Za-z0-9]{20,100}");
    private static final int SECRET_LENGTH = 40;
    private static final int SHOWN_PREFIX_LENGTH = PREFIX.length() + 6;
    private static final int MAX_NAME_LENGTH = 100;
    private static final int MAX_RESTRICTED_REPOSITORIES = 100;
    /** Recording every use would turn each read into a write; once a minute is enough to tell stale tokens. */
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    /**
     * A token as listed: everything but the secret.
     *
     * @param repositories the repositories it is limited to (those that still exist), when it is
     * @param organization the organisation it is limited to, when it is
     */
    public record TokenView(UUID id, String name, String prefix, TokenScope scope, Instant createdAt,
                            Instant expiresAt, Instant lastUsedAt,
                            @JsonInclude(JsonInclude.Include.NON_NULL) List<String> repositories,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String organization) {
    }

    /** A token just created, with the secret that is never shown again. */
    public record CreatedToken(TokenView token, String secret) {
    }

    /** What a new token may do: its scope, expiry and optional restriction (at most one of the two lists). */
    public record TokenRequest(String name, TokenScope scope, Instant expiresAt, List<String> repositories,
                               String organization) {
    }

    private final RestrictableRepositories repositories;
    private final AccountService accounts;

    private final Outbox outbox;

    public TokenService(RestrictableRepositories repositories, AccountService accounts, Outbox outbox) {
        this.repositories = repositories;
        this.accounts = accounts;
        this.outbox = outbox;
    }

    /** Creates an unrestricted token for the caller. */
    @Transactional
    public CreatedToken create(Caller caller, String name, TokenScope scope, Instant expiresAt) {
        return create(caller, new TokenRequest(name, scope, expiresAt, null, null));
    }

    /**
     * Creates a token for the caller, optionally limited to repositories the caller may read or to an
     * organisation the caller belongs to. Read-only and restricted tokens cannot create tokens.
     */
    @Transactional
    public CreatedToken create(Caller caller, TokenRequest request) {
        caller.requireUnrestricted();
        String name = request.name();
        if (name == null || name.isBlank()) {
            throw ApiException.invalidField("name", "Give the token a name, so you can tell it apart later.");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw ApiException.invalidField("name", "The name may be at most " + MAX_NAME_LENGTH + " characters long.");
        }
        if (request.scope() == null) {
            throw ApiException.invalidField("scope", "Choose the scope: 'read' or 'write'.");
        }
        if (request.expiresAt() != null && !request.expiresAt().isAfter(Instant.now())) {
            throw ApiException.invalidField("expiresAt", "The expiry must be in the future.");
        }
        Optional<TokenRestriction> restriction = restrictionOf(caller, request);
        CreatedToken created = issue(caller.accountId(), name.strip(), request.scope(), request.expiresAt(),
                PREFIX + Secrets.random(SECRET_LENGTH));
        AccessToken token = AccessToken.findById(created.token().id());
        switch (restriction.orElse(null)) {
            case TokenRestriction.Repositories limited -> {
                token.restrictedToRepositories = true;
                limited.repositoryIds().forEach(repoId -> AccessTokenRepository.add(token.id, repoId));
            }
            case TokenRestriction.Organization org -> token.restrictedOrgId = org.organizationId();
            case null -> { }
        }
        TokenView view = viewOf(token, restriction);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("name", view.name());
        after.put("scope", view.scope().name());
        after.put("prefix", view.prefix());
        restriction.ifPresent(r -> after.put("restriction", r instanceof TokenRestriction.Organization org
                ? "organization " + org.organizationName() : "listed repositories"));
        outbox.change("token.created", 0, Change.of("token", view.id().toString(), caller.accountId(), Map.of(), after)
                .by(caller.actor()));
        return new CreatedToken(view, created.secret());
    }

    private Optional<TokenRestriction> restrictionOf(Caller caller, TokenRequest request) {
        if (request.repositories() != null && request.organization() != null) {
            throw ApiException.invalidField("repositories", "Limit a token to listed repositories or to one organisation,"
                    + " not both: leave out 'repositories' or 'organization'.");
        }
        if (request.repositories() != null) {
            if (request.repositories().isEmpty() || request.repositories().size() > MAX_RESTRICTED_REPOSITORIES) {
                throw ApiException.invalidField("repositories", "List between 1 and " + MAX_RESTRICTED_REPOSITORIES
                        + " repositories, or leave out 'repositories' for a token that may act on all of yours.");
            }
            Set<Long> ids = new LinkedHashSet<>();
            for (String reference : request.repositories()) {
                ids.add(repositories.readableRepositoryId(caller, reference));
            }
            return Optional.of(new TokenRestriction.Repositories(ids));
        }
        if (request.organization() != null) {
            AccountView org = accounts.find(request.organization()).filter(a -> a.type().equals("org"))
                    .orElseThrow(() -> ApiException.notFound("OrganizationNotFound", "There is no organisation named '"
                            + request.organization() + "'."));
            if (accounts.roleIn(org.id(), caller.accountId()).isEmpty() && !caller.isAdmin()) {
                throw ApiException.forbidden("You are not a member of " + org.name()
                        + ": a token can be limited only to an organisation you belong to.");
            }
            return Optional.of(new TokenRestriction.Organization(org.id(), org.name()));
        }
        return Optional.empty();
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
        return new CreatedToken(viewOf(token, Optional.empty()), secret);
    }

    public List<TokenView> list(Caller caller) {
        return AccessToken.activeOf(caller.accountId()).stream().map(token -> viewOf(token, restrictionOf(token))).toList();
    }

    private TokenView viewOf(AccessToken token, Optional<TokenRestriction> restriction) {
        List<String> repositoryNames = null;
        String organization = null;
        switch (restriction.orElse(null)) {
            case TokenRestriction.Repositories limited -> repositoryNames = repositories.names(limited.repositoryIds())
                    .values().stream().sorted().toList();
            case TokenRestriction.Organization org -> organization = org.organizationName();
            case null -> { }
        }
        return new TokenView(token.id, token.name, token.prefix, token.scope, token.createdAt, token.expiresAt,
                token.lastUsedAt, repositoryNames, organization);
    }

    private Optional<TokenRestriction> restrictionOf(AccessToken token) {
        if (token.restrictedToRepositories) {
            return Optional.of(new TokenRestriction.Repositories(AccessTokenRepository.repositoriesOf(token.id)));
        }
        if (token.restrictedOrgId != null) {
            AccountView org = accounts.find(token.restrictedOrgId).orElseThrow();
            return Optional.of(new TokenRestriction.Organization(org.id(), org.name()));
        }
        return Optional.empty();
    }

    /** Revokes one of the caller's tokens; someone else's token is reported as missing. */
    @Transactional
    public void revoke(Caller caller, String tokenId) {
        UUID id = parseId(tokenId);
        AccessToken token = Optional.ofNullable(id).flatMap(key -> AccessToken.<AccessToken>findByIdOptional(key))
                .filter(t -> t.accountId == caller.accountId() && t.revokedAt == null)
                .orElseThrow(() -> ApiException.notFound("TokenNotFound", "You have no token with id " + tokenId + "."));
        boolean fullRights = caller.canWrite() && caller.restriction().isEmpty();
        if (!fullRights && !caller.token().map(t -> t.id().equals(id)).orElse(false)) {
            throw ApiException.forbidden("A read-only or restricted token can revoke only itself; use an unrestricted"
                    + " token with the 'write' scope.");
        }
        token.revokedAt = Instant.now();
        outbox.change("token.revoked", 0, Change.of("token", token.id.toString(), caller.accountId(),
                Map.of("name", token.name, "prefix", token.prefix), Map.of()).by(caller.actor()));
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The spelling of a token for Hugging Face's JavaScript client, which refuses tokens not starting with {@code hf_}. */
    public static String clientSpelling(String secret) {
        return CLIENT_MARK + secret;
    }

    /** Whether a credential is meant as a Stoa token, in either spelling (rather than a password or a JWT). */
    public static boolean isTokenSpelling(String credential) {
        return credential.startsWith(PREFIX) || credential.startsWith(CLIENT_PREFIX);
    }

    /** The caller a token secret stands for, in either spelling; empty when it is unknown, revoked or expired. */
    @Transactional
    public Optional<Caller> authenticate(String presented) {
        String secret = presented != null && presented.startsWith(CLIENT_PREFIX)
                ? presented.substring(CLIENT_MARK.length()) : presented;
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
        return AccountService.callerOf(token.accountId, Caller.AuthMethod.TOKEN,
                Optional.of(new Caller.TokenGrant(token.id, token.name, token.scope, token.createdAt, restrictionOf(token))));
    }
}
