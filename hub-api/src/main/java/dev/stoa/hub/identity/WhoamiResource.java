package dev.stoa.hub.identity;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

/** {@code GET /api/whoami-v2}, in the shape the Hugging Face client reads. */
@Path("/api/whoami-v2")
@Produces(MediaType.APPLICATION_JSON)
public class WhoamiResource {

    private final AccountService accounts;
    private final SecurityIdentity identity;

    public WhoamiResource(AccountService accounts, SecurityIdentity identity) {
        this.accounts = accounts;
        this.identity = identity;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Whoami(String type, String id, String name, String fullname, String email, boolean emailVerified,
                         boolean isPro, boolean canPay, List<Org> orgs, Auth auth) {
    }

    public record Org(String type, String name, String fullname, String roleInOrg) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Auth(String type, AccessTokenInfo accessToken) {
    }

    public record AccessTokenInfo(String displayName, String role, java.time.Instant createdAt) {
    }

    @GET
    @Operation(hidden = true)
    public Whoami whoami() {
        Caller caller = Caller.required(identity);
        AccountView account = accounts.find(caller.name()).orElseThrow();
        List<Org> orgs = accounts.membershipsOf(caller.accountId()).stream()
                .map(m -> new Org("org", m.organization(), m.fullname(), m.role().name()))
                .toList();
        Auth auth = caller.token()
                .map(t -> new Auth("access_token", new AccessTokenInfo(t.name(), t.scope().name(), t.createdAt())))
                .orElseGet(() -> caller.method() == Caller.AuthMethod.SSO
                        // The identity provider's access token acts like a write token.
                        ? new Auth("oauth", new AccessTokenInfo("Single sign-on", "write", null))
                        : new Auth(caller.method().name().toLowerCase(java.util.Locale.ROOT), null));
        return new Whoami("user", String.valueOf(account.id()), account.name(), account.fullname(), account.email(),
                false, false, false, orgs, auth);
    }
}
