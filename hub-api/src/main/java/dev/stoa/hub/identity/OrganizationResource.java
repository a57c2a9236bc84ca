package dev.stoa.hub.identity;

import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.ops.PublicRoute;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Organisations: creation, public profiles, members and settings. */
@Path("/api/v1/organizations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Organisations")
public class OrganizationResource {

    private final OrganizationService organizations;
    private final AccountService accounts;
    private final SecurityIdentity identity;

    public OrganizationResource(OrganizationService organizations, AccountService accounts, SecurityIdentity identity) {
        this.organizations = organizations;
        this.accounts = accounts;
        this.identity = identity;
    }

    public record NewOrganization(String name, String fullname) {
    }

    /** A member to add: a user name and a role ({@code read}, {@code write} or {@code admin}). */
    public record NewMember(String user, String role) {
    }

    public record RoleChange(String role) {
    }

    public record SettingsChange(String defaultVisibility) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an organisation", description = "The caller becomes its first admin.")
    public Response create(NewOrganization request) {
        NewOrganization body = request != null ? request : new NewOrganization(null, null);
        AccountView created = accounts.createOrganization(Caller.required(identity), body.name(),
                AccountResource.blankToNull(body.fullname()));
        return Response.status(Response.Status.CREATED).entity(AccountResource.profile(created, false)).build();
    }

    @GET
    @Path("/{org}")
    @Operation(summary = "An organisation's public profile")
    @PublicRoute("An organisation's public profile, as on the Hub.")
    public AccountResource.Profile profile(@PathParam("org") String org) {
        AccountView account = accounts.find(org).filter(a -> a.type().equals("org"))
                .orElseThrow(() -> ApiException.notFound("OrganizationNotFound", "There is no organisation named '" + org + "'."));
        return AccountResource.profile(account, false);
    }

    @GET
    @Path("/{org}/members")
    @Operation(summary = "List an organisation's members", description = "Visible to its members and platform administrators.")
    public List<OrganizationService.Member> members(@PathParam("org") String org) {
        return organizations.members(Caller.required(identity), org);
    }

    @POST
    @Path("/{org}/members")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a member", description = "Organisation admins and platform administrators only.")
    public Response add(@PathParam("org") String org, NewMember request) {
        NewMember body = request != null ? request : new NewMember(null, null);
        OrganizationService.Member added = organizations.add(Caller.required(identity), org, body.user(), body.role());
        return Response.status(Response.Status.CREATED).entity(added).build();
    }

    @PUT
    @Path("/{org}/members/{user}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a member's role",
            description = "Organisation admins only; the last admin cannot be demoted (409): promote someone first.")
    public OrganizationService.Member changeRole(@PathParam("org") String org, @PathParam("user") String user,
                                                 RoleChange request) {
        return organizations.changeRole(Caller.required(identity), org, user, request != null ? request.role() : null);
    }

    @DELETE
    @Path("/{org}/members/{user}")
    @Operation(summary = "Remove a member, or leave",
            description = "Admins remove anyone; every member may remove itself. The last admin cannot leave (409).")
    public Response remove(@PathParam("org") String org, @PathParam("user") String user) {
        organizations.remove(Caller.required(identity), org, user);
        return Response.noContent().build();
    }

    @GET
    @Path("/{org}/settings")
    @Operation(summary = "An organisation's settings", description = "Visible to its members.")
    public OrganizationService.Settings settings(@PathParam("org") String org) {
        return organizations.settings(Caller.required(identity), org);
    }

    @PUT
    @Path("/{org}/settings")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change an organisation's settings",
            description = "defaultVisibility (public|private): what new repositories are when their creator does not say.")
    public OrganizationService.Settings updateSettings(@PathParam("org") String org, SettingsChange request) {
        return organizations.updateSettings(Caller.required(identity), org,
                request != null ? request.defaultVisibility() : null);
    }
}
