package dev.stoa.hub.identity.token;

import dev.stoa.hub.identity.TokenScope;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A personal access token. Only a SHA-256 of its secret is stored. */
@Entity
@Table(name = "access_token")
class AccessToken extends PanacheEntityBase {

    @Id
    UUID id;

    @Column(name = "account_id", nullable = false)
    Long accountId;

    @Column(nullable = false)
    String name;

    @Column(nullable = false)
    String prefix;

    @Column(name = "secret_hash", nullable = false)
    byte[] secretHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    TokenScope scope;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "expires_at")
    Instant expiresAt;

    @Column(name = "last_used_at")
    Instant lastUsedAt;

    @Column(name = "revoked_at")
    Instant revokedAt;

    @Column(name = "restricted_to_repositories", nullable = false)
    boolean restrictedToRepositories;

    @Column(name = "restricted_org_id")
    Long restrictedOrgId;

    static Optional<AccessToken> findBySecretHash(byte[] hash) {
        return find("secretHash", hash).firstResultOptional();
    }

    static List<AccessToken> activeOf(long accountId) {
        return list("accountId = ?1 and revokedAt is null order by createdAt desc", accountId);
    }

    boolean usableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }
}
