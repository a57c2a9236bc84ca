package dev.stoa.hub.sso;

import dev.stoa.hub.testing.ChildProcesses;
import dev.stoa.hub.testing.KeycloakServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Points Stoa at the test Keycloak (started on first use) and runs Stoa on a known port, because the
 * browser follows the absolute links Stoa hands out. Stops Keycloak when the tests that need it are done.
 */
public class KeycloakTestResource implements QuarkusTestResourceLifecycleManager {

    static final String REALM = "stoa";
    static final String PORTAL_CLIENT = "stoa-portal";
    static final String PORTAL_SECRET = "stoa-portal-test-secret";
    static final String DEVICE_CLIENT = "stoa-device";

    @Override
    public Map<String, String> start() {
        KeycloakServer keycloak = KeycloakServer.shared();
        int port = ChildProcesses.freePort();
        return Map.of(
                "quarkus.http.test-port", String.valueOf(port),
                "stoa.base-url", "http://127.0.0.1:" + port,
                "stoa.oidc.issuer", keycloak.issuer(REALM),
                "stoa.oidc.client-id", PORTAL_CLIENT,
                "stoa.oidc.client-secret", PORTAL_SECRET,
                "stoa.oidc.device-client-id", DEVICE_CLIENT,
                "stoa.oidc.org-group-prefix", "/orgs/",
                // Tokens of the short-lived client expire within seconds; no grace period on top.
                "stoa.oidc.clock-skew", "PT0S");
    }

    @Override
    public void stop() {
        KeycloakServer.stopShared();
    }
}
