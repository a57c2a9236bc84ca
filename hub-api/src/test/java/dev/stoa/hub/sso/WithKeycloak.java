package dev.stoa.hub.sso;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;

/** The test profile of the single sign-on tests: one Stoa, configured for the one test Keycloak. */
public class WithKeycloak implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KeycloakTestResource.class));
    }
}
