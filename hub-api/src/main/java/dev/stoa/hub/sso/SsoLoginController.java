package dev.stoa.hub.sso;

import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.identity.SsoAccounts;
import dev.stoa.hub.identity.SsoIdentity;
import dev.stoa.hub.identity.auth.PortalCookies;
import dev.stoa.hub.identity.auth.SessionService;
import dev.stoa.hub.ops.BaseUrl;
import dev.stoa.hub.ops.PublicRoute;
import dev.stoa.hub.storage.Sha256;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Portal sign-in through the identity provider: the authorization code flow with state, nonce and PKCE.
 * The callback provisions the account and opens an ordinary Stoa session; the provider's tokens are not
 * kept, except the ID token, which signing out hands back to end the provider's session too.
 */
@Path("/login/sso")
public class SsoLoginController {

    static final String FLOW_COOKIE = "stoa_sso";
    private static final int FLOW_SECONDS = 600;

    private final SsoProvider provider;
    private final SsoAccounts accounts;
    private final SessionService sessions;
    private final PortalCookies cookies;
    private final BaseUrl baseUrl;

    public SsoLoginController(SsoProvider provider, SsoAccounts accounts, SessionService sessions, PortalCookies cookies,
                              BaseUrl baseUrl) {
        this.provider = provider;
        this.accounts = accounts;
        this.sessions = sessions;
        this.cookies = cookies;
        this.baseUrl = baseUrl;
    }

    /** Sends the browser to the provider's sign-in page. */
    @GET
    @PublicRoute("The start of single sign-on: anyone may sign in.")
    public Response start() {
        requireEnabled();
        String state = PortalCookies.randomToken();
        String nonce = PortalCookies.randomToken();
        String verifier = PortalCookies.randomToken();
        URI authorize = provider.authorizationUri(callbackUri(), state, nonce, challengeOf(verifier));
        return Response.seeOther(authorize)
                .cookie(cookies.cookie(FLOW_COOKIE, state + "." + nonce + "." + verifier, "/login/sso", FLOW_SECONDS))
                .build();
    }

    /** Where the provider sends the browser back with an authorization code. */
    @GET
    @Path("callback")
    @PublicRoute("The identity provider's redirect back; the state cookie and the provider's code prove it.")
    public Response callback(@QueryParam("code") String code, @QueryParam("state") String state,
                             @QueryParam("error") String error, @QueryParam("error_description") String description,
                             @CookieParam(FLOW_COOKIE) String flow) {
        requireEnabled();
        if (error != null) {
            throw new ApiException(401, "SsoSignInFailed", "Single sign-on did not sign you in ("
                    + error + (description == null ? "" : ": " + description) + "). Try again from the sign-in page.");
        }
        String[] expected = flow == null ? new String[0] : flow.split("\\.");
        if (expected.length != 3 || state == null || code == null
                || !MessageDigest.isEqual(expected[0].getBytes(StandardCharsets.UTF_8), state.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(400, "SsoStateMismatch", "This sign-in link is not from a sign-in started in this"
                    + " browser, or it is older than ten minutes. Start again from the sign-in page.");
        }
        SsoProvider.TokenReply tokens = provider.exchangeCode(code, expected[2], callbackUri());
        String idToken = tokens.text("id_token");
        if (!tokens.ok() || idToken == null || !provider.verifyIdToken(idToken, expected[1])) {
            throw new ApiException(401, "SsoSignInFailed", "The single sign-on provider's answer could not be"
                    + " verified. Start again from the sign-in page.");
        }
        SsoIdentity who = provider.verifyAccessToken(tokens.text("access_token")).orElseThrow(() -> new ApiException(
                401, "SsoSignInFailed", "The single sign-on provider's access token is not meant for Stoa: its"
                + " audience must include the one in stoa.oidc.audience (add an audience mapper to the client)."));
        Caller caller = accounts.signIn(who, Caller.AuthMethod.SESSION);
        String secret = sessions.open(caller.accountId(), idToken);
        return Response.seeOther(URI.create("/"))
                .cookie(cookies.session(secret))
                .cookie(cookies.cookie(FLOW_COOKIE, "", "/login/sso", 0))
                .build();
    }

    private void requireEnabled() {
        if (!provider.portalEnabled()) {
            throw ApiException.notFound("SsoNotConfigured", "Single sign-on is not configured on this Stoa;"
                    + " sign in with your Stoa user name and password.");
        }
    }

    private String callbackUri() {
        return baseUrl.link("/login/sso/callback");
    }

    /** PKCE's S256 code challenge: the base64url SHA-256 of the verifier (RFC 7636). */
    private static String challengeOf(String verifier) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Sha256.of(verifier.getBytes(StandardCharsets.US_ASCII)));
    }
}
