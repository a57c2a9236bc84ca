package dev.stoa.hub.testing;

import io.restassured.RestAssured;

/**
 * The address the tests reach the app at. With no {@code stoa.base-url} (the test profile sets none), Stoa's links
 * start with exactly this, as they start with whatever address a real client used.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    /** {@code http://<host>:<port>}, as RestAssured sends it in {@code Host}. */
    public static String base() {
        return RestAssured.baseURI.replaceFirst("/+$", "") + ":" + RestAssured.port;
    }
}
