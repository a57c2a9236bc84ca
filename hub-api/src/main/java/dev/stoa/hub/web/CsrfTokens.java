package dev.stoa.hub.web;

import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.identity.auth.PortalCookies;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.regex.Pattern;

/**
 * Protects the portal's forms against cross-site request forgery with a double-submitted token: the browser
 * holds it in an {@code HttpOnly}, {@code SameSite=Strict} cookie, every form carries it in a hidden field,
 * and a post is accepted only when both agree. Another site can make a browser post a form to Stoa, but
 * it can neither read the cookie nor make the browser send it along.
 */
@ApplicationScoped
public class CsrfTokens {

    public static final String COOKIE = "stoa_csrf";
    public static final String FIELD = "csrf";
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final RoutingContext request;
    private final PortalCookies cookies;

    public CsrfTokens(RoutingContext request, PortalCookies cookies) {
        this.request = request;
        this.cookies = cookies;
    }

    /** The token of this browser; a new one is issued (as a cookie on this response) when it has none. */
    public String current() {
        String existing = cookieValue();
        if (existing != null) {
            return existing;
        }
        String issued = request.get(COOKIE);
        if (issued == null) {
            issued = PortalCookies.randomToken();
            request.put(COOKIE, issued);
            request.response().addCookie(Cookie.cookie(COOKIE, issued)
                    .setPath("/")
                    .setHttpOnly(true)
                    .setSecure(cookies.secure())
                    .setSameSite(CookieSameSite.STRICT));
        }
        return issued;
    }

    /** Refuses a form post whose token does not match this browser's. */
    public void verify(String submitted) {
        String expected = cookieValue();
        if (expected == null || submitted == null
                || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), submitted.getBytes(StandardCharsets.US_ASCII))) {
            throw new ApiException(403, "FormExpired",
                    "This form was not sent from a Stoa page, or it has expired. Reload the page and submit it again.");
        }
    }

    private String cookieValue() {
        Cookie cookie = request.request().getCookie(COOKIE);
        return cookie != null && FORMAT.matcher(cookie.getValue()).matches() ? cookie.getValue() : null;
    }
}
