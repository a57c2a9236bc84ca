package dev.stoa.hub.web;

import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/** Posts portal forms the way a browser does: with the CSRF cookie the page set and the token it embedded. */
public final class PortalForms {

    private PortalForms() {
    }

    /** A request carrying a fresh browser's CSRF cookie and form token, taken from the sign-in page. */
    public static RequestSpecification form() {
        String token = given().get("/login").then().statusCode(200).extract().cookie(CsrfTokens.COOKIE);
        return given().cookie(CsrfTokens.COOKIE, token).formParam(CsrfTokens.FIELD, token);
    }
}
