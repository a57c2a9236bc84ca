package dev.stoa.hub.sso;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.identity.SsoAccounts;
import dev.stoa.hub.identity.SsoIdentity;
import dev.stoa.hub.identity.TokenScope;
import dev.stoa.hub.identity.token.TokenService;
import dev.stoa.hub.ops.BaseUrl;
import dev.stoa.hub.ops.PublicRoute;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The browser login of the Hugging Face client ({@code hf auth login}, RFC 8628), delegated to the identity
 * provider's device authorization grant. Whatever client id the caller sends, Stoa asks the provider for its
 * own device client. Once the person approves, the answer is a Stoa access token with the write scope, so the
 * client keeps working long after the provider's short-lived token would have expired; it is listed and
 * revocable like any other token.
 */
@Path("/oauth")
@Produces(MediaType.APPLICATION_JSON)
public class DeviceLoginResource {

    static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    /** The RFC 8628 and RFC 6749 errors passed through from the provider as they are. */
    private static final List<String> OAUTH_ERRORS = List.of("authorization_pending", "slow_down", "expired_token",
            "access_denied", "invalid_grant", "invalid_request", "invalid_client", "unauthorized_client");

    private final SsoProvider provider;
    private final SsoAccounts accounts;
    private final TokenService tokens;
    private final BaseUrl baseUrl;

    public DeviceLoginResource(SsoProvider provider, SsoAccounts accounts, TokenService tokens, BaseUrl baseUrl) {
        this.provider = provider;
        this.accounts = accounts;
        this.tokens = tokens;
        this.baseUrl = baseUrl;
    }

    @POST
    @Path("device")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    @PublicRoute("The start of the OAuth device flow: anyone may ask for a code; a signed-in person approves it.")
    public Response device(@FormParam("client_id") String clientId) {
        requireEnabled();
        SsoProvider.TokenReply reply = provider.startDeviceLogin();
        if (reply.status() != 200 || !reply.body().hasNonNull("device_code")) {
            throw new ApiException(502, "SsoDeviceLoginFailed", "The single sign-on provider refused to start a"
                    + " device login (" + reply.text("error") + "). Check that the client in"
                    + " stoa.oidc.device-client-id exists and has the OAuth 2.0 device authorization grant enabled.");
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        for (String field : List.of("device_code", "user_code", "verification_uri", "verification_uri_complete",
                "interval", "expires_in")) {
            if (reply.body().has(field)) {
                body.set(field, reply.body().get(field));
            }
        }
        return Response.ok(body).build();
    }

    @POST
    @Path("token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    @PublicRoute("The device flow's polling: answers a token only for a code a signed-in person approved.")
    public Response token(@FormParam("grant_type") String grantType, @FormParam("device_code") String deviceCode) {
        requireEnabled();
        if (!DEVICE_GRANT.equals(grantType)) {
            return oauthError("unsupported_grant_type", "Stoa's token endpoint serves only the device grant ("
                    + DEVICE_GRANT + ").");
        }
        if (deviceCode == null || deviceCode.isBlank()) {
            return oauthError("invalid_request", "device_code is required.");
        }
        SsoProvider.TokenReply reply = provider.pollDeviceLogin(deviceCode);
        if (!reply.ok()) {
            String error = reply.text("error");
            return OAUTH_ERRORS.contains(error)
                    ? oauthError(error, reply.text("error_description"))
                    : oauthError("invalid_grant", "The single sign-on provider refused the device code.");
        }
        SsoIdentity who = provider.verifyAccessToken(reply.text("access_token")).orElseThrow(() -> new ApiException(
                502, "SsoDeviceLoginFailed", "The single sign-on provider's access token is not meant for Stoa: its"
                + " audience must include the one in stoa.oidc.audience (add an audience mapper to the device client)."));
        Caller caller = accounts.signIn(who, Caller.AuthMethod.SSO);
        String name = "Browser login (device) " + LocalDate.now(ZoneOffset.UTC);
        TokenService.CreatedToken created = tokens.create(caller, name, TokenScope.write, null);
        ObjectNode body = JsonNodeFactory.instance.objectNode()
                .put("access_token", created.secret())
                .put("token_type", "bearer")
                .put("scope", "write");
        return Response.ok(body).header("Cache-Control", "no-store").build();
    }

    private void requireEnabled() {
        if (!provider.deviceLoginEnabled()) {
            throw new ApiException(501, "BrowserLoginUnavailable", "Browser login needs single sign-on (Keycloak),"
                    + " which this Stoa does not have. Log in with an access token instead: create one in Stoa"
                    + " (POST " + baseUrl.link("/api/v1/tokens") + ") and run `hf auth login --token <token>`.");
        }
    }

    private static Response oauthError(String error, String description) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("error", error);
        if (description != null) {
            body.put("error_description", description);
        }
        return Response.status(400).entity(body).header("Cache-Control", "no-store").build();
    }
}
