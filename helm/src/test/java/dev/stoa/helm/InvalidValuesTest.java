package dev.stoa.helm;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Values that cannot work stop the install with messages that say what to fix, all at once. */
class InvalidValuesTest {

    @Test
    void withoutDatabaseStorageAndUrlEveryMissingValueIsNamedAtOnce() {
        assertThatThrownBy(() -> Chart.template(null, Map.of()))
                .hasMessageContaining("VALUES VALIDATION: 5 problem(s) to fix")
                .hasMessageContaining("baseUrl: set the URL users reach Stoa at")
                .hasMessageContaining("database.host: Stoa needs an external PostgreSQL")
                .hasMessageContaining("database.existingSecret: name the Secret holding the database password (key \"password\")")
                .hasMessageContaining("s3.endpoint: Stoa stores files in S3-compatible storage")
                .hasMessageContaining("s3.existingSecret: name the Secret holding the S3 keys");
    }

    @Test
    void aMissingDatabaseAloneIsReported() {
        assertThatThrownBy(() -> Chart.template("minimal", Map.of("database.host", "")))
                .hasMessageContaining("1 problem(s) to fix")
                .hasMessageContaining("database.host");
    }

    @Test
    void wrongTypesAreRefusedByTheSchema() {
        assertThatThrownBy(() -> Chart.template("minimal", Map.of("replicaCount", "two", "s3.pathStyle", "yes")))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("at '/replicaCount': got string, want integer")
                .hasMessageContaining("at '/s3/pathStyle': got string, want boolean");
        assertThatThrownBy(() -> Chart.template("minimal", Map.of("database.port", "70000")))
                .hasMessageContaining("at '/database/port'");
        assertThatThrownBy(() -> Chart.template("minimal", Map.of("baseUrl", "hub.example.org")))
                .hasMessageContaining("at '/baseUrl'");
    }

    @Test
    void aMisspelledSectionIsRefusedRatherThanIgnored() {
        assertThatThrownBy(() -> Chart.template("minimal", Map.of("databse.host", "db")))
                .hasMessageContaining("databse");
        assertThatThrownBy(() -> Chart.template("minimal", Map.of("s3.acessKeyKey", "ak")))
                .hasMessageContaining("acessKeyKey");
    }

    @Test
    void inconsistentChoicesAreExplained() {
        assertThatThrownBy(() -> Chart.template("minimal", Map.of(
                "oidc.enabled", "true",
                "oidc.clientId", "portal",
                "ingress.enabled", "true",
                "plugins.image.repository", "acme/plugins",
                "plugins.volume.persistentVolumeClaim.claimName", "jars",
                "pdb.minAvailable", "2",
                "config.stoa\\.db\\.url", "jdbc:postgresql://elsewhere/stoa")))
                .hasMessageContaining("6 problem(s) to fix")
                .hasMessageContaining("oidc.issuer: single sign-on is enabled")
                .hasMessageContaining("oidc.existingSecret: the portal client \"portal\" needs its secret")
                .hasMessageContaining("ingress.hostname: the ingress is enabled")
                .hasMessageContaining("plugins: choose one source of external plugin jars")
                .hasMessageContaining("pdb.minAvailable: 2 of 2 replicas must stay up")
                .hasMessageContaining("config.stoa.db.url: the chart sets this from its own values; use database.*");
    }
}
