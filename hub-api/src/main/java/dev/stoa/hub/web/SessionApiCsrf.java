package dev.stoa.hub.web;

import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.error.ApiFamily;
import dev.stoa.hub.error.ErrorRenderer;
import dev.stoa.hub.identity.auth.StoaAuthenticationMechanism;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * The portal's pages call the API with the browser's session cookie (uploads, likes, the README editor). Such a
 * call that changes something must carry the page's CSRF token in {@code X-Csrf-Token}, the same token the page's
 * forms carry; clients that send {@code Authorization} are not affected. Portal form routes check the form field.
 */
public class SessionApiCsrf {

    public static final String HEADER = "X-Csrf-Token";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final ErrorRenderer errors;

    public SessionApiCsrf(ErrorRenderer errors) {
        this.errors = errors;
    }

    @ServerRequestFilter(preMatching = true)
    public Response check(ContainerRequestContext request) {
        if (SAFE_METHODS.contains(request.getMethod())
                || request.getHeaderString(HttpHeaders.AUTHORIZATION) != null
                || !request.getCookies().containsKey(StoaAuthenticationMechanism.SESSION_COOKIE)) {
            return null;
        }
        String path = "/" + request.getUriInfo().getPath().replaceFirst("^/", "");
        if (ApiFamily.of(path) == ApiFamily.PORTAL) {
            return null;
        }
        Cookie expected = request.getCookies().get(CsrfTokens.COOKIE);
        String sent = request.getHeaderString(HEADER);
        if (expected != null && sent != null
                && MessageDigest.isEqual(expected.getValue().getBytes(StandardCharsets.US_ASCII), sent.getBytes(StandardCharsets.US_ASCII))) {
            return null;
        }
        return errors.render(path, new ApiException(403, "FormExpired",
                "A request signed in with the portal's session must carry the page's token in " + HEADER
                        + ". Reload the page and try again, or send an access token in Authorization instead."));
    }
}
