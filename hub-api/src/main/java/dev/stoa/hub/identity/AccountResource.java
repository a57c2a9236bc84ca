package dev.stoa.hub.identity;

import dev.stoa.hub.config.StoaConfig;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.ops.PublicRoute;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.Optional;

/** Local accounts: sign-up and public profiles (organisations: {@link OrganizationResource}). */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Accounts")
public class AccountResource {

    private final AccountService accounts;
    private final SecurityIdentity identity;
    private final StoaConfig config;

    public AccountResource(AccountService accounts, SecurityIdentity identity, StoaConfig config) {
        this.accounts = accounts;
        this.identity = identity;
        this.config = config;
    }

    public record NewUser(String name, String password, String email, String fullname) {
    }

    /** A namespace as anyone may see it; {@code email} only for the account itself and administrators. */
    public record Profile(String name, String type, String fullname, String email, Instant createdAt) {
    }

    @POST
    @Path("/users")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a user account",
            description = "Open to anyone unless stoa.accounts.registration is admin-only; then administrators only.")
    @PublicRoute("Sign-up: open to anyone unless stoa.accounts.registration is admin-only, which the method checks.")
    public Response createUser(NewUser request) {
        NewUser body = request != null ? request : new NewUser(null, null, null, null);
        Optional<Caller> caller = Caller.of(identity);
        boolean admin = caller.map(Caller::isAdmin).orElse(false);
        if (config.accounts().registration() == StoaConfig.Registration.ADMIN_ONLY && !admin) {
            throw caller.isPresent()
                    ? ApiException.forbidden("Only administrators can create accounts on this Stoa.")
                    : ApiException.unauthorized("Only administrators can create accounts on this Stoa; sign in as one.");
        }
        caller.ifPresent(Caller::requireWrite);
        AccountView created = accounts.createUser(
                new AccountService.NewUser(body.name(), body.password(), blankToNull(body.email()), blankToNull(body.fullname())),
                PlatformRole.member);
        return Response.status(Response.Status.CREATED).entity(profile(created, true)).build();
    }

    @GET
    @Path("/users/{name}")
    @Operation(summary = "A user's public profile")
    public Profile user(@PathParam("name") String name) {
        return namespace(name, "user", "UserNotFound");
    }

    private Profile namespace(String name, String type, String notFoundCode) {
        AccountView account = accounts.find(name)
                .filter(a -> a.type().equals(type))
                .orElseThrow(() -> ApiException.notFound(notFoundCode, "There is no " + ("org".equals(type) ? "organisation" : "user")
                        + " named '" + name + "'."));
        boolean self = Caller.of(identity).map(c -> c.accountId() == account.id() || c.isAdmin()).orElse(false);
        return profile(account, self);
    }

    static Profile profile(AccountView account, boolean withEmail) {
        return new Profile(account.name(), account.type(), account.fullname(), withEmail ? account.email() : null,
                account.createdAt());
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
