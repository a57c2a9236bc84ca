package dev.stoa.hub.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stoa.hub.identity.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Deployments: a model and adapters served by a runner for a user or an organisation. */
@Path("/api/v1/deployments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Deployments")
@Blocking
public class DeploymentResource {

    private final Deployments deployments;
    private final DeploymentRuntime runtime;
    private final SecurityIdentity identity;
    private final ObjectMapper json;

    public DeploymentResource(Deployments deployments, DeploymentRuntime runtime, SecurityIdentity identity,
            ObjectMapper json) {
        this.deployments = deployments;
        this.runtime = runtime;
        this.identity = identity;
        this.json = json;
    }

    @GET
    @Operation(summary = "Deployments you can see",
            description = "Yours and your organisations', newest first; ?owner= one namespace's, ?model= one repository's.")
    public ObjectNode list(@QueryParam("owner") String owner, @QueryParam("model") String model) {
        Caller caller = Caller.required(identity);
        ObjectNode out = json.createObjectNode();
        ArrayNode items = out.putArray("deployments");
        for (DeploymentRow row : deployments.list(caller, blankless(owner), blankless(model))) {
            items.add(DeploymentJson.deployment(json, row, runtime.isReady(row.id())));
        }
        return out;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Deploy a model, with adapters, on a runner",
            description = "201 with the deployment; 200 when an identical deployment of that name exists (a retry).")
    public Response create(JsonNode body) {
        Caller caller = Caller.required(identity);
        Deployments.Created created = deployments.create(caller, DeploymentRequest.parse(body));
        DeploymentRow row = created.deployment();
        return Response.status(created.created() ? Response.Status.CREATED : Response.Status.OK)
                .location(URI.create("/api/v1/deployments/" + row.fullName()))
                .entity(DeploymentJson.withHistory(json, row, runtime.isReady(row.id()), deployments.history(row)))
                .build();
    }

    @GET
    @Path("/{owner}/{name}")
    @Operation(summary = "A deployment with its status history")
    public ObjectNode get(@PathParam("owner") String owner, @PathParam("name") String name) {
        DeploymentRow row = deployments.get(Caller.required(identity), owner, name);
        return DeploymentJson.withHistory(json, row, runtime.isReady(row.id()), deployments.history(row));
    }

    @DELETE
    @Path("/{owner}/{name}")
    @Operation(summary = "Delete a deployment", description = "Its engine stops on every replica.")
    public Response delete(@PathParam("owner") String owner, @PathParam("name") String name) {
        deployments.delete(Caller.required(identity), owner, name);
        return Response.noContent().build();
    }

    private static Optional<String> blankless(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
