package dev.stoa.hub.identity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/** The identity provider's subject an account signs in as. */
@Entity
@Table(name = "account_sso")
class SsoLink extends PanacheEntityBase {

    @Id
    @Column(name = "account_id")
    Long accountId;

    @Column(nullable = false)
    String issuer;

    @Column(nullable = false)
    String subject;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    static Optional<SsoLink> find(String issuer, String subject) {
        return find("issuer = ?1 and subject = ?2", issuer, subject).firstResultOptional();
    }
}
