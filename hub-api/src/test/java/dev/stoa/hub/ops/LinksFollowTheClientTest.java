package dev.stoa.hub.ops;

import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.web.CsrfTokens;
import dev.stoa.hub.web.PortalForms;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With no {@code stoa.base-url} (the embedded default), links follow the address each client used: a teammate who set
 * {@code HF_ENDPOINT=http://<server's name>:8080} gets links the Hugging Face clients accept. A proxy's forwarded
 * headers are not believed unless Quarkus is told to trust them.
 */
@QuarkusTest
class LinksFollowTheClientTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "localhost", "stoa-box.team.example", "[::1]"})
    void everyLinkStartsWithTheAddressTheClientUsed(String host) {
        String address = host + ":" + RestAssured.port;

        ClientLinks.answeredTo(Map.of("Host", address)).allStartWith("http://" + address);
    }

    @Test
    void untrustedForwardedHeadersChangeNothing() {
        String address = "127.0.0.1:" + RestAssured.port;
        Map<String, String> spoofed = Map.of("Host", address, "X-Forwarded-Proto", "https", "X-Forwarded-Host", "evil.example",
                "X-Forwarded-Port", "443", "Forwarded", "proto=https;host=evil.example");

        ClientLinks.answeredTo(spoofed).allStartWith("http://" + address);
        Response home = given().headers(spoofed).get("/");
        assertThat(home.header(StrictTransportSecurity.HEADER)).isNull();
        assertThat(home.header("Set-Cookie")).contains(CsrfTokens.COOKIE).doesNotContainPattern(ConfiguredBaseUrlTest.SECURE);
    }

    @Test
    void overPlainHttpCookiesAreNotSecureAndNoHstsIsSent() {
        String user = TestAccounts.newUser();
        Response login = PortalForms.form().redirects().follow(false)
                .formParam("username", user).formParam("password", TestAccounts.PASSWORD).post("/login");

        assertThat(login.statusCode()).isEqualTo(303);
        assertThat(login.header("Set-Cookie")).contains("stoa_session=").doesNotContainPattern(ConfiguredBaseUrlTest.SECURE);
        assertThat(login.header(StrictTransportSecurity.HEADER)).isNull();
    }
}
