package dev.stoa.hub.identity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/** A user's role in an organisation. */
@Entity
@Table(name = "org_member")
class OrgMembership extends PanacheEntityBase {

    @Embeddable
    record Key(@Column(name = "org_id") Long orgId, @Column(name = "user_id") Long userId) implements Serializable {
    }

    @EmbeddedId
    Key key;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    OrgRole role;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    static List<OrgMembership> ofUser(long userId) {
        return list("key.userId", userId);
    }

    static List<OrgMembership> ofOrg(long orgId) {
        return list("key.orgId", orgId);
    }

    static long adminsOf(long orgId) {
        return count("key.orgId = ?1 and role = ?2", orgId, OrgRole.admin);
    }
}
