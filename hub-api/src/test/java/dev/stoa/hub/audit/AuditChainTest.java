package dev.stoa.hub.audit;

import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.repo.TestRepos;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.stoa.hub.identity.TestAccounts.ADMIN_TOKEN;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The hash chain: it verifies, and an event changed or removed behind the trigger's back (as a database superuser
 * could) is found. Each test puts the table back as it was, so that the chain verifies again afterwards.
 */
@QuarkusTest
class AuditChainTest {

    @Inject
    DataSource db;

    private static io.restassured.path.json.JsonPath verify() {
        return given().auth().oauth2(ADMIN_TOKEN).post("/api/v1/admin/audit/verify")
                .then().statusCode(200).extract().jsonPath();
    }

    /** Ids of the ref events of a new repository (its first commit and three more), oldest first. */
    private List<Long> newEvents() throws SQLException {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        for (int i = 0; i < 3; i++) {
            TestRepos.commit(repo, "main", TestRepos.ndjson("Commit " + i).file("f" + i + ".txt", "x"));
        }
        List<Long> ids = new ArrayList<>();
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT id FROM audit_event WHERE target LIKE ? AND action LIKE 'ref.%' ORDER BY id")) {
            s.setString(1, repo.id() + "%");
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getLong(1));
                }
            }
        }
        assertThat(ids).hasSize(4);
        return ids;
    }

    private void behindTheTrigger(String sql, Object... args) throws SQLException {
        try (Connection c = db.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only");
            }
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    s.setObject(i + 1, args[i]);
                }
                s.executeUpdate();
            } finally {
                try (Statement s = c.createStatement()) {
                    s.execute("ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only");
                }
            }
        }
    }

    @Test
    void theChainVerifies() throws SQLException {
        newEvents();
        var result = verify();
        assertThat(result.getBoolean("ok")).isTrue();
        assertThat(result.getLong("events")).isGreaterThanOrEqualTo(4);
        assertThat(result.getString("firstBrokenId")).isNull();
    }

    @Test
    void anEventChangedAfterwardsIsFound() throws SQLException {
        long changed = newEvents().get(1);
        String original;
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT actor_name FROM audit_event WHERE id = ?")) {
            s.setLong(1, changed);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                original = r.getString(1);
            }
        }
        behindTheTrigger("UPDATE audit_event SET actor_name = 'someone-else' WHERE id = ?", changed);
        try {
            var result = verify();
            assertThat(result.getBoolean("ok")).isFalse();
            assertThat(result.getLong("firstBrokenId")).isEqualTo(changed);
            assertThat(result.getString("reason")).contains("changed");
        } finally {
            behindTheTrigger("UPDATE audit_event SET actor_name = ? WHERE id = ?", original, changed);
        }
        assertThat(verify().getBoolean("ok")).isTrue();
    }

    @Test
    void aRemovedEventIsFound() throws SQLException {
        List<Long> ids = newEvents();
        long removed = ids.get(1);
        long next;
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT min(id) FROM audit_event WHERE id > ?")) {
            s.setLong(1, removed);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                next = r.getLong(1);
            }
        }
        try (Connection c = db.getConnection()) {
            // A copy to put back afterwards.
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS audit_event_test_copy AS SELECT * FROM audit_event WHERE false");
                s.execute("DELETE FROM audit_event_test_copy");
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_event_test_copy SELECT * FROM audit_event WHERE id = ?")) {
                s.setLong(1, removed);
                s.executeUpdate();
            }
        }
        behindTheTrigger("DELETE FROM audit_event WHERE id = ?", removed);
        try {
            var result = verify();
            assertThat(result.getBoolean("ok")).isFalse();
            assertThat(result.getLong("firstBrokenId")).isEqualTo(next);
            assertThat(result.getString("reason")).contains("removed");
        } finally {
            behindTheTrigger("INSERT INTO audit_event SELECT * FROM audit_event_test_copy");
        }
        assertThat(verify().getBoolean("ok")).isTrue();
    }

    @Inject
    jakarta.enterprise.event.Event<AuditRecord> records;

    @Test
    void concurrentWritersDoNotForkTheChain() throws Exception {
        String target = TestAccounts.randomName("concurrent");
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                done.add(pool.submit(() -> records.fire(new AuditRecord("test.concurrent", java.util.Optional.empty(),
                        java.util.Optional.empty(), "test", target, java.util.Optional.empty(), Map.of(), Map.of("n", n)))));
            }
            for (var future : done) {
                future.get();
            }
        }
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(DISTINCT prev_hash) FROM audit_event WHERE target = ?")) {
            s.setString(1, target);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                assertThat(r.getLong(1)).isEqualTo(40);
            }
        }
        assertThat(verify().getBoolean("ok")).isTrue();
    }

    @Test
    void theTableRefusesChangesAndOnlyAdministratorsVerify() throws SQLException {
        long id = newEvents().getFirst();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE audit_event SET target = 'x' WHERE id = " + id))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM audit_event WHERE id = " + id))
                    .hasMessageContaining("append-only");
        }
        given().post("/api/v1/admin/audit/verify").then().statusCode(401);
        String user = TestAccounts.newUser();
        given().auth().oauth2(TestAccounts.tokenOf(user, "write")).post("/api/v1/admin/audit/verify").then().statusCode(403);
    }
}
