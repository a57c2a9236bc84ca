package dev.stoa.hub.ops;

import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.web.PortalForms;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A configured {@code stoa.base-url} wins over the request's address and over trusted forwarded headers; an https
 * one makes every cookie {@code Secure} and every answer carry HSTS; requests for another host are reported once.
 */
@QuarkusTest
@TestProfile(ConfiguredBaseUrlTest.Https.class)
class ConfiguredBaseUrlTest {

    static final String BASE = "https://hub.example.org/stoa";
    /** The {@code Secure} attribute of a {@code Set-Cookie} header. */
    static final String SECURE = "(?i);\\s*Secure(;|$)";

    public static class Https implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("stoa.base-url", BASE + "/",
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true",
                    "quarkus.http.proxy.enable-forwarded-host", "true");
        }
    }

    @Test
    void linksStartWithTheConfiguredUrlWhateverTheRequestSays() {
        ClientLinks.answeredTo(Map.of("Host", "127.0.0.1:" + RestAssured.port)).allStartWith(BASE);
        ClientLinks.answeredTo(Map.of("X-Forwarded-Proto", "http", "X-Forwarded-Host", "elsewhere.example")).allStartWith(BASE);
    }

    @Test
    void everyAnswerCarriesHsts() {
        for (Response answer : List.of(given().get("/"), given().get("/api/whoami-v2"), given().get("/no/such-repo"),
                given().get("/q/health/live"))) {
            assertThat(answer.header(StrictTransportSecurity.HEADER)).isEqualTo("max-age=31536000");
        }
    }

    @Test
    void sessionAndFormCookiesAreSecure() {
        List<String> pageCookies = given().get("/login").headers().getValues("Set-Cookie");
        String user = TestAccounts.newUser();
        List<String> loginCookies = PortalForms.form().redirects().follow(false)
                .formParam("username", user).formParam("password", TestAccounts.PASSWORD).post("/login")
                .then().statusCode(303).extract().headers().getValues("Set-Cookie");

        assertThat(pageCookies).anySatisfy(c -> assertThat(c).startsWith("stoa_csrf="))
                .allSatisfy(c -> assertThat(c).containsPattern(SECURE));
        assertThat(loginCookies).anySatisfy(c -> assertThat(c).startsWith("stoa_session="))
                .allSatisfy(c -> assertThat(c).containsPattern(SECURE));
    }

    @Test
    void requestsForAnotherHostAreReportedOnce() {
        List<String> warnings = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                warnings.add(((ExtLogRecord) record).getFormattedMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(BaseUrl.class.getName());
        logger.addHandler(capture);
        try {
            given().header("Host", "old-name.example:8080").get("/api/models").then().statusCode(200);
            given().header("Host", "old-name.example:8080").get("/api/models").then().statusCode(200);
            given().header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "hub.example.org")
                    .get("/api/models").then().statusCode(200);
        } finally {
            logger.removeHandler(capture);
        }

        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("old-name.example:8080").contains(BASE).contains("STOA_BASE_URL");
    }
}
