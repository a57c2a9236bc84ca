package dev.stoa.hub.db;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded PostgreSQL keeps what it acknowledged through a power cut: the library's defaults turn that off. */
@QuarkusTest
class EmbeddedPostgresDurabilityTest {

    @Inject
    DataSource db;

    @Test
    void fsyncAndSynchronousCommitAreOn() throws SQLException {
        assertThat(setting("fsync")).isEqualTo("on");
        assertThat(setting("synchronous_commit")).isEqualTo("on");
        assertThat(setting("full_page_writes")).isEqualTo("on");
    }

    private String setting(String name) throws SQLException {
        try (Connection c = db.getConnection(); ResultSet r = c.createStatement().executeQuery("SHOW " + name)) {
            r.next();
            return r.getString(1);
        }
    }
}
