package dev.stoa.hub.identity.token;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** One repository a restricted token may act on. */
@Entity
@Table(name = "access_token_repository")
class AccessTokenRepository extends PanacheEntityBase {

    @Embeddable
    record Key(@Column(name = "token_id") UUID tokenId, @Column(name = "repo_id") Long repoId) implements Serializable {
    }

    @EmbeddedId
    Key key;

    static Set<Long> repositoriesOf(UUID tokenId) {
        return AccessTokenRepository.<AccessTokenRepository>list("key.tokenId", tokenId).stream()
                .map(row -> row.key.repoId())
                .collect(Collectors.toUnmodifiableSet());
    }

    static void add(UUID tokenId, long repoId) {
        AccessTokenRepository row = new AccessTokenRepository();
        row.key = new Key(tokenId, repoId);
        row.persist();
    }
}
