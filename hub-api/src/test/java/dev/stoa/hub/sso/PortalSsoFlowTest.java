package dev.stoa.hub.sso;

import dev.stoa.hub.testing.KeycloakServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/** The portal's code flow as HTTP: what Stoa sends to Keycloak, and callbacks it must refuse. */
@QuarkusTest
@TestProfile(WithKeycloak.class)
class PortalSsoFlowTest {

    @Test
    void signInStartsTheCodeFlowWithStateNonceAndPkce() {
        given().get("/login").then().statusCode(200).body(containsString("Sign in with Keycloak"));

        Response start = given().redirects().follow(false).get("/login/sso");
        assertThat(start.statusCode()).isEqualTo(303);
        URI authorize = URI.create(start.getHeader("Location"));
        assertThat(authorize.toString()).startsWith(KeycloakServer.shared().issuer("stoa") + "/protocol/openid-connect/auth?");
        Map<String, String> query = Arrays.stream(authorize.getRawQuery().split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
        assertThat(query).containsEntry("response_type", "code").containsEntry("client_id", "stoa-portal")
                .containsEntry("code_challenge_method", "S256")
                .containsKeys("state", "nonce", "code_challenge", "redirect_uri");
        assertThat(query.get("redirect_uri")).endsWith("/login/sso/callback");
        assertThat(start.getHeader("Set-Cookie")).contains("stoa_sso=").contains("HttpOnly")
                .containsIgnoringCase("SameSite=Lax").doesNotContain("Secure");
        // The state is bound to this browser's cookie, not just echoed back.
        assertThat(start.getCookie("stoa_sso")).startsWith(query.get("state") + ".");
    }

    @Test
    void aCallbackWithoutTheMatchingStateIsRefused() {
        String flow = given().redirects().follow(false).get("/login/sso").getCookie("stoa_sso");
        given().cookie("stoa_sso", flow).queryParam("code", "anything").queryParam("state", "forged")
                .get("/login/sso/callback")
                .then().statusCode(400).contentType("text/html").body(containsString("Start again"));
        given().queryParam("code", "anything").queryParam("state", flow.split("\\.")[0])
                .get("/login/sso/callback")
                .then().statusCode(400);
    }

    @Test
    void aCallbackWithAForgedCodeIsRefused() {
        String flow = given().redirects().follow(false).get("/login/sso").getCookie("stoa_sso");
        given().redirects().follow(false).cookie("stoa_sso", flow)
                .queryParam("code", "forged-code").queryParam("state", flow.split("\\.")[0])
                .get("/login/sso/callback")
                .then().statusCode(401).header("Set-Cookie", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void anErrorFromKeycloakIsShownToThePerson() {
        given().queryParam("error", "access_denied").queryParam("state", "x").get("/login/sso/callback")
                .then().statusCode(401).contentType("text/html").body(containsString("access_denied"));
    }
}
