package dev.stoa.hub.web;

import dev.stoa.hub.identity.TestAccounts;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/** Posts portal forms the way a browser does: with the CSRF cookie the page set and the token it embedded. */
public final class PortalForms {

    private PortalForms() {
    }

    /** A request carrying a fresh browser's CSRF cookie and form token, taken from the sign-in page. */
    public static RequestSpecification form() {
        String token = csrfToken();
        return given().cookie(CsrfTokens.COOKIE, token).formParam(CsrfTokens.FIELD, token);
    }

    /** A browser signed in as {@code user} (with {@link TestAccounts#PASSWORD}) through the sign-in form. */
    public static SignedIn signIn(String user) {
        String token = csrfToken();
        Response login = given().redirects().follow(false)
                .cookie(CsrfTokens.COOKIE, token).formParam(CsrfTokens.FIELD, token)
                .formParam("username", user).formParam("password", TestAccounts.PASSWORD)
                .post("/login");
        if (login.statusCode() != 303) {
            throw new IllegalStateException("Signing in as " + user + " answered " + login.statusCode());
        }
        return new SignedIn(user, login.getCookie("stoa_session"), token);
    }

    private static String csrfToken() {
        return given().get("/login").then().statusCode(200).extract().cookie(CsrfTokens.COOKIE);
    }

    /** A signed-in browser: its session and CSRF cookies, and the token its pages embed. */
    public record SignedIn(String user, String session, String csrf) {

        /** A page request (GET) from this browser. */
        public RequestSpecification page() {
            return given().cookie("stoa_session", session).cookie(CsrfTokens.COOKIE, csrf);
        }

        /** A form post from one of this browser's pages. */
        public RequestSpecification form() {
            return page().formParam(CsrfTokens.FIELD, csrf);
        }

        /** An API call made by a page's script: the session cookie plus the page's token in a header. */
        public RequestSpecification script() {
            return page().header(SessionApiCsrf.HEADER, csrf);
        }
    }
}
