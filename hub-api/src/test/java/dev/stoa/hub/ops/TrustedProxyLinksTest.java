package dev.stoa.hub.ops;

import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.web.PortalForms;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind a proxy whose headers Quarkus is told to trust, and with no {@code stoa.base-url}, links follow the address
 * the user reached the proxy at: an https front makes cookies {@code Secure} and answers carry HSTS.
 */
@QuarkusTest
@TestProfile(TrustedProxyLinksTest.TrustedProxy.class)
class TrustedProxyLinksTest {

    public static class TrustedProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true",
                    "quarkus.http.proxy.enable-forwarded-host", "true");
        }
    }

    private static final Map<String, String> HTTPS_FRONT = Map.of("X-Forwarded-Proto", "https",
            "X-Forwarded-Host", "models.example.org");

    @Test
    void linksFollowTheForwardedAddress() {
        ClientLinks.answeredTo(HTTPS_FRONT).allStartWith("https://models.example.org");
        ClientLinks.answeredTo(Map.of("X-Forwarded-Proto", "http", "X-Forwarded-Host", "models.example.org:8443"))
                .allStartWith("http://models.example.org:8443");
    }

    @Test
    void withoutForwardedHeadersLinksFollowTheHost() {
        String address = "127.0.0.1:" + RestAssured.port;

        ClientLinks.answeredTo(Map.of("Host", address)).allStartWith("http://" + address);
        assertThat(given().header("Host", address).get("/").header(StrictTransportSecurity.HEADER)).isNull();
    }

    @Test
    void anHttpsFrontGetsHstsAndSecureCookies() {
        String user = TestAccounts.newUser();
        Response login = PortalForms.form().headers(HTTPS_FRONT).redirects().follow(false)
                .formParam("username", user).formParam("password", TestAccounts.PASSWORD).post("/login");

        assertThat(login.statusCode()).isEqualTo(303);
        assertThat(login.headers().getValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("stoa_session="))
                .allSatisfy(c -> assertThat(c).containsPattern(ConfiguredBaseUrlTest.SECURE));
        assertThat(login.header(StrictTransportSecurity.HEADER)).isEqualTo("max-age=31536000");
    }
}
