package dev.stoa.hub.repo;

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

/** A repository row. Card-derived metadata is written by the card feature through {@link RepoService}. */
@Entity
@Table(name = "repository")
class Repo extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    RepoType type;

    @Column(name = "owner_id", nullable = false)
    long ownerId;

    @Column(nullable = false)
    String name;

    @Column(name = "private", nullable = false)
    boolean isPrivate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    Gating gated = Gating.off;

    @Column(nullable = false)
    boolean disabled;

    @Column(name = "created_by")
    Long createdBy;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "last_modified", nullable = false)
    Instant lastModified;

    @Column(nullable = false)
    long downloads;

    @Column(nullable = false)
    long likes;

    static Optional<Repo> find(RepoType type, long ownerId, String name) {
        return find("type = ?1 and ownerId = ?2 and lower(name) = lower(?3)", type, ownerId, name).firstResultOptional();
    }
}
