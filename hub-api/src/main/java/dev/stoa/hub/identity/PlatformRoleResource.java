package dev.stoa.hub.identity;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Platform roles: curators read every repository (private ones included), administrators read and write
 * everything.
 */
@Path("/api/v1/users/{name}/platform-role")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Accounts")
public class PlatformRoleResource {

    private final AccountService accounts;
    private final SecurityIdentity identity;

    public PlatformRoleResource(AccountService accounts, SecurityIdentity identity) {
        this.accounts = accounts;
        this.identity = identity;
    }

    public record RoleChange(String platformRole) {
    }

    public record PlatformRoleView(String name, PlatformRole platformRole) {
    }

    @PUT
    @Operation(summary = "Set a user's platform role", description = "member, curator or admin; platform administrators only.")
    public PlatformRoleView set(@PathParam("name") String name, RoleChange request) {
        AccountView user = accounts.setPlatformRole(Caller.required(identity), name,
                request != null ? request.platformRole() : null);
        return new PlatformRoleView(user.name(), user.platformRole());
    }
}
