package dev.stoa.hub.policy;

import dev.stoa.hub.identity.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Optional;

/** An organisation's policy override: members read it and its history, its admins change it. */
@Path("/api/v1/organizations/{org}/policy")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Policies")
public class OrganizationPolicyResource {

    private final Policies policies;
    private final SecurityIdentity identity;

    public OrganizationPolicyResource(Policies policies, SecurityIdentity identity) {
        this.policies = policies;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "The policy in force for the organisation's repositories",
            description = "Its override, or the platform policy (inherited: true) when it has none.")
    public PolicyJson.View get(@PathParam("org") String org) {
        return PolicyJson.View.of(policies.organization(Caller.required(identity), org), Optional.of(org));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Save a new version of the organisation's policy", description = "Organisation admins only.")
    public PolicyJson.View put(@PathParam("org") String org, PolicyJson.Change change) {
        Caller caller = Caller.required(identity);
        PolicyJson.Change body = PolicyJson.Change.orEmpty(change);
        return PolicyJson.View.of(policies.saveOrganization(caller, org, body.policy(), body.cleanNote()), Optional.of(org));
    }

    @GET
    @Path("/history")
    @Operation(summary = "The organisation's policy versions, newest first")
    public PolicyJson.History history(@PathParam("org") String org, @QueryParam("limit") Integer limit,
                                      @QueryParam("before") Integer before) {
        int n = PolicyJson.limit(limit);
        return PolicyJson.history(policies.organizationHistory(Caller.required(identity), org, n, PolicyJson.before(before)), n);
    }
}
