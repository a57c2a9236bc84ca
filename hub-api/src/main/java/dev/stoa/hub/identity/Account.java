package dev.stoa.hub.identity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/** A namespace: a user who signs in, or an organisation that owns repositories. */
@Entity
@Table(name = "account")
class Account extends PanacheEntityBase {

    enum Kind { user, org }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(nullable = false)
    String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    Kind kind;

    String fullname;

    String email;

    @Column(name = "password_hash")
    String passwordHash;

    @Enumerated(EnumType.STRING)
    @Column(name = "platform_role", nullable = false)
    PlatformRole platformRole = PlatformRole.member;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    /** {@code public} or {@code private}: what an organisation's new repositories are unless the creator says. */
    @Column(name = "default_visibility", nullable = false)
    String defaultVisibility = "public";

    static Optional<Account> findByName(String name) {
        return find("lower(name) = lower(?1)", name).firstResultOptional();
    }

    boolean isUser() {
        return kind == Kind.user;
    }
}
