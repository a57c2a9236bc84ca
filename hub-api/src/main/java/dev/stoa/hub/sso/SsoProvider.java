package dev.stoa.hub.sso;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stoa.hub.config.StoaConfig;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.identity.SsoIdentity;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Stoa's side of the OpenID Connect provider (Keycloak): its endpoints, read from the discovery document on
 * first use; verification of its tokens (signature against the published keys, issuer, audience, expiry) by
 * SmallRye JWT; and the back-channel calls of the code and device flows. Nothing here contacts the provider
 * unless {@code stoa.oidc.issuer} is set.
 */
@ApplicationScoped
public class SsoProvider {

    private static final java.util.regex.Pattern JWT_SHAPED =
            java.util.regex.Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    private static final Logger LOG = Logger.getLogger(SsoProvider.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Set<SignatureAlgorithm> ALGORITHMS = EnumSet.of(SignatureAlgorithm.RS256,
            SignatureAlgorithm.RS384, SignatureAlgorithm.RS512, SignatureAlgorithm.PS256, SignatureAlgorithm.PS384,
            SignatureAlgorithm.PS512, SignatureAlgorithm.ES256, SignatureAlgorithm.ES384, SignatureAlgorithm.ES512,
            SignatureAlgorithm.EDDSA);

    private final StoaConfig.Oidc config;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private volatile Provider provider;

    /** The provider's endpoints and the token parsers bound to its keys. */
    private record Provider(Endpoints endpoints, JWTParser accessTokens, Optional<JWTParser> idTokens) {
    }

    /** Where the provider answers; {@code endSession} and {@code deviceAuthorization} may be absent. */
    public record Endpoints(String issuer, URI authorization, URI token, Optional<URI> endSession,
                            Optional<URI> deviceAuthorization) {
    }

    /** What the token endpoint answered: its status and JSON body. */
    public record TokenReply(int status, JsonNode body) {
        public boolean ok() {
            return status == 200 && body.hasNonNull("access_token");
        }

        public String text(String field) {
            return body.path(field).asText(null);
        }
    }

    public SsoProvider(StoaConfig config, ObjectMapper json) {
        this.config = config.oidc();
        this.json = json;
    }

    public boolean enabled() {
        return config.issuer().filter(s -> !s.isBlank()).isPresent();
    }

    /** Whether the portal offers "Sign in with ...": single sign-on is on and the portal client is configured. */
    public boolean portalEnabled() {
        return enabled() && config.clientId().isPresent() && config.clientSecret().isPresent();
    }

    public boolean deviceLoginEnabled() {
        return enabled() && config.deviceClientId().isPresent();
    }

    public String displayName() {
        return config.displayName();
    }

    public Endpoints endpoints() {
        return provider().endpoints();
    }

    /** Verifies an access token for Stoa (audience {@code stoa.oidc.audience}) and reads who it stands for. */
    public Optional<SsoIdentity> verifyAccessToken(String jwt) {
        try {
            provider().accessTokens().parse(jwt);
        } catch (ParseException e) {
            LOG.debugf("Rejected a bearer token: %s", withoutTokens(e.getMessage()));
            return Optional.empty();
        }
        return Optional.of(identityOf(claimsOf(jwt)));
    }

    /** Verifies an ID token issued to the portal client, with the nonce the sign-in started with. */
    public boolean verifyIdToken(String jwt, String nonce) {
        Optional<JWTParser> parser = provider().idTokens();
        if (parser.isEmpty()) {
            return false;
        }
        try {
            parser.get().parse(jwt);
        } catch (ParseException e) {
            LOG.debugf("Rejected an ID token: %s", withoutTokens(e.getMessage()));
            return false;
        }
        return nonce.equals(claimsOf(jwt).path("nonce").asText(null));
    }

    /** The JWT library quotes the token it refused in its messages; tokens never reach the log. */
    static String withoutTokens(String message) {
        return message == null ? null : JWT_SHAPED.matcher(message).replaceAll("<token>");
    }

    /** Exchanges the portal's authorization code (with its PKCE verifier) for tokens. */
    public TokenReply exchangeCode(String code, String verifier, String redirectUri) {
        return post(endpoints().token(), Map.of(
                "grant_type", "authorization_code",
                "code", code,
                "redirect_uri", redirectUri,
                "code_verifier", verifier,
                "client_id", config.clientId().orElseThrow(),
                "client_secret", config.clientSecret().orElseThrow()));
    }

    /** Starts a device authorization at the provider for the device client. */
    public TokenReply startDeviceLogin() {
        URI endpoint = endpoints().deviceAuthorization().orElseThrow(() -> new ApiException(501,
                "DeviceGrantUnavailable", "The identity provider does not offer the device authorization grant;"
                + " enable it for client '" + config.deviceClientId().orElse("") + "'."));
        return post(endpoint, Map.of("client_id", config.deviceClientId().orElseThrow(), "scope", "openid"));
    }

    /** Asks the provider whether the person approved a device login. */
    public TokenReply pollDeviceLogin(String deviceCode) {
        return post(endpoints().token(), Map.of(
                "grant_type", "urn:ietf:params:oauth:grant-type:device_code",
                "device_code", deviceCode,
                "client_id", config.deviceClientId().orElseThrow()));
    }

    /** Where to send a browser to end its provider session, then come back to {@code returnTo}. */
    public Optional<URI> endSessionUri(String idToken, String returnTo) {
        return endpoints().endSession().map(end -> URI.create(end + "?" + form(Map.of(
                "id_token_hint", idToken,
                "post_logout_redirect_uri", returnTo,
                "client_id", config.clientId().orElse("")))));
    }

    /** The authorization request of the portal's code flow. */
    public URI authorizationUri(String redirectUri, String state, String nonce, String codeChallenge) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", config.clientId().orElseThrow());
        params.put("redirect_uri", redirectUri);
        params.put("scope", "openid profile email");
        params.put("state", state);
        params.put("nonce", nonce);
        params.put("code_challenge", codeChallenge);
        params.put("code_challenge_method", "S256");
        return URI.create(endpoints().authorization() + "?" + form(params));
    }

    private Provider provider() {
        Provider current = provider;
        if (current == null) {
            synchronized (this) {
                current = provider;
                if (current == null) {
                    current = discover();
                    provider = current;
                }
            }
        }
        return current;
    }

    private Provider discover() {
        if (!enabled()) {
            throw new ApiException(501, "SsoNotConfigured", "Single sign-on is not configured on this Stoa"
                    + " (stoa.oidc.issuer).");
        }
        String issuer = stripTrailingSlash(config.issuer().orElseThrow());
        JsonNode document = get(URI.create(issuer + "/.well-known/openid-configuration"));
        String announced = document.path("issuer").asText("");
        if (!stripTrailingSlash(announced).equals(issuer)) {
            throw unavailable("its discovery document names the issuer '" + announced + "', not '" + issuer
                    + "'. Set stoa.oidc.issuer to the provider's issuer exactly (for Keycloak, also its --hostname)");
        }
        Endpoints endpoints = new Endpoints(announced,
                URI.create(document.path("authorization_endpoint").asText()),
                URI.create(document.path("token_endpoint").asText()),
                optionalUri(document, "end_session_endpoint"),
                optionalUri(document, "device_authorization_endpoint"));
        String jwks = document.path("jwks_uri").asText();
        JWTParser accessTokens = parser(jwks, announced, config.audience());
        Optional<JWTParser> idTokens = config.clientId().map(client -> parser(jwks, announced, client));
        return new Provider(endpoints, accessTokens, idTokens);
    }

    private JWTParser parser(String jwks, String issuer, String audience) {
        JWTAuthContextInfo info = new JWTAuthContextInfo(jwks, issuer);
        info.setExpectedAudience(Set.of(audience));
        info.setSignatureAlgorithm(ALGORITHMS);
        info.setRequireNamedPrincipal(false);
        info.setClockSkew((int) config.clockSkew().toSeconds());
        info.setRequiredClaims(Set.of("sub", "exp"));
        // Keys are re-read every 10 minutes, and at once (at most every minute) when a token names an unknown
        // key, so that a key rotated in Keycloak is trusted within seconds.
        info.setJwksRefreshInterval(10);
        info.setForcedJwksRefreshInterval(1);
        return new DefaultJWTParser(info);
    }

    /** The claims of a token whose signature has been verified. */
    private JsonNode claimsOf(String jwt) {
        String[] parts = jwt.split("\\.");
        try {
            return json.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IOException | RuntimeException e) {
            throw ApiException.invalidCredentials();
        }
    }

    private SsoIdentity identityOf(JsonNode claims) {
        String fullname = text(claims, "name");
        if (fullname == null) {
            String joined = java.util.stream.Stream.of(text(claims, "given_name"), text(claims, "family_name"))
                    .filter(s -> s != null && !s.isBlank()).collect(Collectors.joining(" "));
            fullname = joined.isEmpty() ? null : joined;
        }
        String username = text(claims, "preferred_username");
        return new SsoIdentity(text(claims, "iss"), text(claims, "sub"), username == null ? text(claims, "sub") : username,
                text(claims, "email"), fullname, strings(claims.path("realm_access").path("roles")),
                strings(claims.path(config.groupsClaim())));
    }

    private static String text(JsonNode claims, String name) {
        JsonNode value = claims.get(name);
        return value == null || !value.isTextual() || value.asText().isBlank() ? null : value.asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(node -> {
            if (node.isTextual()) {
                out.add(node.asText());
            }
        });
        return out;
    }

    private JsonNode get(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "application/json").build();
        HttpResponse<byte[]> response = send(request, uri);
        if (response.statusCode() != 200) {
            throw unavailable("GET " + uri + " answered " + response.statusCode());
        }
        return parse(response.body(), uri);
    }

    private TokenReply post(URI uri, Map<String, String> params) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(params))).build();
        HttpResponse<byte[]> response = send(request, uri);
        if (response.statusCode() >= 500) {
            throw unavailable("POST " + uri + " answered " + response.statusCode());
        }
        return new TokenReply(response.statusCode(), parse(response.body(), uri));
    }

    private HttpResponse<byte[]> send(HttpRequest request, URI uri) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw unavailable("it cannot be reached at " + uri.getScheme() + "://" + uri.getAuthority()
                    + " (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("the request was interrupted");
        }
    }

    private JsonNode parse(byte[] body, URI uri) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw unavailable(uri + " did not answer JSON");
        }
    }

    private static ApiException unavailable(String why) {
        return new ApiException(503, "SsoUnavailable", "The single sign-on provider is not usable: " + why
                + ". Try again later, or sign in with a Stoa access token.");
    }

    private static Optional<URI> optionalUri(JsonNode document, String field) {
        String value = document.path(field).asText("");
        return value.isBlank() ? Optional.empty() : Optional.of(URI.create(value));
    }

    static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
