package dev.stoa.hub.external;

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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * External models: administrators register them; everyone signed in lists those they may call. The API key goes in
 * and never comes out: answers say only whether there is one, and only administrators see the base URL.
 */
@Path("/api/v1/external-models")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Deployments")
@Blocking
public class ExternalModelResource {

    private final ExternalModels models;
    private final SecurityIdentity identity;
    private final ObjectMapper json;

    public ExternalModelResource(ExternalModels models, SecurityIdentity identity, ObjectMapper json) {
        this.models = models;
        this.identity = identity;
        this.json = json;
    }

    @GET
    @Operation(summary = "External models you may call", description = "Call them at /v1 as external/<name>.")
    public ObjectNode list() {
        Caller caller = Caller.required(identity);
        ObjectNode out = json.createObjectNode();
        ArrayNode items = out.putArray("models");
        models.usable(caller).forEach(m -> items.add(view(m, caller.isAdmin())));
        return out;
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "One external model")
    public ObjectNode get(@PathParam("name") String name) {
        Caller caller = Caller.required(identity);
        return view(models.get(caller, name), caller.isAdmin());
    }

    @PUT
    @Path("/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register or change an external model", description = "Administrators only. {\"provider\","
            + " \"baseUrl\", \"model\", \"apiKey\" (absent: keep, empty: remove), \"organization\", \"description\","
            + " \"runner\", \"timeoutSeconds\"}; 201 when new.")
    public Response put(@PathParam("name") String name, JsonNode body) {
        ExternalModels.Saved saved = models.save(Caller.required(identity), name, body);
        return Response.status(saved.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(view(saved.model(), true)).build();
    }

    @DELETE
    @Path("/{name}")
    @Operation(summary = "Remove an external model", description = "Administrators only.")
    public Response delete(@PathParam("name") String name) {
        models.delete(Caller.required(identity), name);
        return Response.noContent().build();
    }

    private ObjectNode view(ExternalModel m, boolean admin) {
        ObjectNode out = json.createObjectNode().put("id", m.id()).put("name", m.name()).put("provider", m.provider())
                .put("description", m.description()).put("external", true);
        m.orgName().ifPresentOrElse(o -> out.put("organization", o), () -> out.putNull("organization"));
        if (admin) {
            out.put("baseUrl", m.baseUrl()).put("model", m.upstreamModel()).put("runner", m.runner())
                    .put("hasApiKey", m.apiKeySealed().isPresent()).put("createdBy", m.createdBy())
                    .put("timeoutSeconds", m.timeoutSeconds().orElse(null))
                    .put("updatedAt", m.updatedAt().toString());
        }
        return out;
    }
}
