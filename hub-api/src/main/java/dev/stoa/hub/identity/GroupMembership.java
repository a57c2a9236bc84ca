package dev.stoa.hub.identity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.util.List;

/** Marks an organisation membership that came from the identity provider's groups. */
@Entity
@Table(name = "org_member_from_group")
class GroupMembership extends PanacheEntityBase {

    @EmbeddedId
    OrgMembership.Key key;

    static List<GroupMembership> ofUser(long userId) {
        return list("key.userId", userId);
    }
}
