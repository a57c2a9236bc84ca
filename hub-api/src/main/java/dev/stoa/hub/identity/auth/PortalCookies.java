package dev.stoa.hub.identity.auth;

import dev.stoa.hub.ops.BaseUrl;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The portal's session and sign-in cookies, all made alike: {@code HttpOnly}, {@code SameSite=Lax} (they must survive the
 * identity provider's redirect back to Stoa), and {@code Secure} when Stoa is reached over https.
 */
@ApplicationScoped
public class PortalCookies {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final BaseUrl baseUrl;

    public PortalCookies(BaseUrl baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** The session cookie for a session just opened. */
    public NewCookie session(String secret) {
        return cookie(StoaAuthenticationMechanism.SESSION_COOKIE, secret, "/", (int) SessionService.LIFETIME.toSeconds());
    }

    /** Removes the session cookie from the browser. */
    public NewCookie sessionEnded() {
        return cookie(StoaAuthenticationMechanism.SESSION_COOKIE, "", "/", 0);
    }

    public NewCookie cookie(String name, String value, String path, int maxAgeSeconds) {
        return new NewCookie.Builder(name)
                .value(value)
                .path(path)
                .maxAge(maxAgeSeconds)
                .httpOnly(true)
                .secure(secure())
                .sameSite(NewCookie.SameSite.LAX)
                .build();
    }

    /** Whether this answer's cookies are {@code Secure}: users reach Stoa over https (see {@link BaseUrl}). */
    public boolean secure() {
        return baseUrl.isHttps();
    }

    /** 256 random bits, base64url without padding (43 characters): for CSRF tokens, state, nonces, verifiers. */
    public static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
