package dev.stoa.hub.web.account;

import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.identity.AccountService;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.identity.Membership;
import dev.stoa.hub.identity.TokenScope;
import dev.stoa.hub.identity.token.TokenService;
import dev.stoa.hub.web.CsrfTokens;
import dev.stoa.hub.web.PageContext;
import dev.stoa.ui.pages.TokensPage;
import dev.stoa.ui.view.account.CreatedToken;
import dev.stoa.ui.view.account.TokenForm;
import dev.stoa.ui.view.account.TokenRow;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@code /settings/tokens}: the viewer's access tokens, created and revoked through {@link TokenService}, with its
 * rules (restricted and read-only tokens cannot manage tokens). A new token's secret is in the answer to the form
 * post only, never stored to be shown again.
 */
@Path("/settings/tokens")
public class TokensController {

    private static final Set<String> DAYS = Set.of("7", "30", "90", "365");

    private final PageContext pages;
    private final SecurityIdentity identity;
    private final CsrfTokens csrf;
    private final TokenService tokens;
    private final AccountService accounts;

    public TokensController(PageContext pages, SecurityIdentity identity, CsrfTokens csrf, TokenService tokens,
                            AccountService accounts) {
        this.pages = pages;
        this.identity = identity;
        this.csrf = csrf;
        this.tokens = tokens;
        this.accounts = accounts;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response list(@QueryParam("notice") String notice) {
        Caller caller = Caller.signedIn(identity, "manage your access tokens");
        return page(caller, TokenForm.empty(organizationsOf(caller)), null,
                "revoked".equals(notice) ? "Token revoked: it no longer works." : null, null, 200);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response create(@FormParam(CsrfTokens.FIELD) String csrfToken, @FormParam("name") String name,
                           @FormParam("scope") String scope, @FormParam("expiry") String expiry,
                           @FormParam("expiresOn") String expiresOn, @FormParam("limit") String limit,
                           @FormParam("repositories") String repositories, @FormParam("organization") String organization) {
        csrf.verify(csrfToken);
        Caller caller = Caller.signedIn(identity, "manage your access tokens");
        List<String> orgs = organizationsOf(caller);
        TokenForm typed = new TokenForm(orEmpty(name), "write".equals(scope) ? "write" : "read",
                expiry == null ? "90" : expiry, orEmpty(expiresOn), limit == null ? "none" : limit, orEmpty(repositories),
                orEmpty(organization), orgs);
        try {
            TokenService.CreatedToken created = tokens.create(caller, new TokenService.TokenRequest(name, scopeOf(scope),
                    expiryOf(expiry, expiresOn), "repositories".equals(typed.limit()) ? repositoriesOf(repositories) : null,
                    "organization".equals(typed.limit()) ? organizationOf(organization) : null));
            return page(caller, TokenForm.empty(orgs), new CreatedToken(created.token().name(), created.secret(),
                    TokenService.clientSpelling(created.secret())), null,
                    null, 200);
        } catch (ApiException e) {
            if (e.status() == 401) {
                throw e;
            }
            return page(caller, typed, null, null, e.getMessage(), e.status());
        }
    }

    @POST
    @Path("/{id}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revoke(@PathParam("id") String id, @FormParam(CsrfTokens.FIELD) String csrfToken) {
        csrf.verify(csrfToken);
        tokens.revoke(Caller.signedIn(identity, "manage your access tokens"), id);
        return Response.seeOther(URI.create("/settings/tokens?notice=revoked")).build();
    }

    private Response page(Caller caller, TokenForm form, CreatedToken created, String notice, String error, int status) {
        List<TokenRow> rows = tokens.list(caller).stream().map(TokensController::row).toList();
        return Response.status(status)
                .entity(new TokensPage(pages.site(), pages.viewer(identity), rows, form, created, notice, error))
                .type(MediaType.TEXT_HTML_TYPE)
                // The secret must not be kept by the browser's or a proxy's cache.
                .header("Cache-Control", "no-store")
                .build();
    }

    private static TokenRow row(TokenService.TokenView token) {
        String limit = token.organization() != null ? "Organisation: " + token.organization()
                : token.repositories() != null ? "Repositories: " + (token.repositories().isEmpty() ? "(all deleted)"
                : String.join(", ", token.repositories())) : null;
        boolean expired = token.expiresAt() != null && !token.expiresAt().isAfter(Instant.now());
        return new TokenRow(token.id().toString(), token.name(), token.prefix(), token.scope().name(),
                PortalTime.day(token.createdAt()), PortalTime.day(token.expiresAt()), PortalTime.minute(token.lastUsedAt()),
                limit, expired);
    }

    private List<String> organizationsOf(Caller caller) {
        return accounts.membershipsOf(caller.accountId()).stream().map(Membership::organization).toList();
    }

    private static TokenScope scopeOf(String scope) {
        if (scope == null || scope.isBlank()) {
            return null;
        }
        try {
            return TokenScope.valueOf(scope);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("scope", "Choose the scope: 'read' or 'write'.");
        }
    }

    private static Instant expiryOf(String expiry, String expiresOn) {
        String choice = expiry == null || expiry.isBlank() ? "90" : expiry;
        if (DAYS.contains(choice)) {
            return Instant.now().plus(Duration.ofDays(Long.parseLong(choice)));
        }
        if ("never".equals(choice)) {
            return null;
        }
        if ("date".equals(choice)) {
            try {
                return LocalDate.parse(expiresOn == null ? "" : expiresOn.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                throw ApiException.invalidField("expiresOn", "Give the expiry date as YYYY-MM-DD, or choose another expiry.");
            }
        }
        throw ApiException.invalidField("expiry", "Choose when the token expires.");
    }

    private static List<String> repositoriesOf(String typed) {
        return typed == null ? List.of() : Arrays.stream(typed.split("[\\s,]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String organizationOf(String typed) {
        if (typed == null || typed.isBlank()) {
            throw ApiException.invalidField("organization", "Choose the organisation the token is limited to.");
        }
        return typed.strip();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
