package dev.stoa.hub.identity.auth;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A signed-in portal session. */
@Entity
@Table(name = "web_session")
class WebSession extends PanacheEntityBase {

    @Id
    @Column(name = "secret_hash")
    String secretHash;

    @Column(name = "account_id", nullable = false)
    Long accountId;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    Instant expiresAt;

    /** The identity provider's ID token, for a session opened by single sign-on. */
    @Column(name = "sso_id_token")
    String ssoIdToken;
}
