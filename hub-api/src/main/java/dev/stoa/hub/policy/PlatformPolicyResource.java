package dev.stoa.hub.policy;

import dev.stoa.hub.identity.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Optional;

/** The platform's default policy: every signed-in user reads it, platform admins change it and list its versions. */
@Path("/api/v1/policies/platform")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Policies")
public class PlatformPolicyResource {

    private final Policies policies;
    private final SecurityIdentity identity;

    public PlatformPolicyResource(Policies policies, SecurityIdentity identity) {
        this.policies = policies;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "The platform policy in force")
    public PolicyJson.View get() {
        return PolicyJson.View.of(policies.platform(Caller.required(identity)), Optional.empty());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Save a new version of the platform policy", description = "Platform admins only.")
    public PolicyJson.View put(PolicyJson.Change change) {
        Caller caller = Caller.required(identity);
        PolicyJson.Change body = PolicyJson.Change.orEmpty(change);
        return PolicyJson.View.of(policies.savePlatform(caller, body.policy(), body.cleanNote()), Optional.empty());
    }

    @GET
    @Path("/history")
    @Operation(summary = "The platform policy's versions, newest first", description = "Platform admins only.")
    public PolicyJson.History history(@QueryParam("limit") Integer limit, @QueryParam("before") Integer before) {
        int n = PolicyJson.limit(limit);
        return PolicyJson.history(policies.platformHistory(Caller.required(identity), n, PolicyJson.before(before)), n);
    }
}
