package dev.stoa.hub.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stoa.hub.error.ApiException;
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
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What a user or an organisation may deploy: members read it, administrators set it. */
@Path("/api/v1/quotas/{namespace}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Deployments")
@Blocking
public class QuotaResource {

    private static final int MAX = 10_000;

    private final Deployments deployments;
    private final SecurityIdentity identity;
    private final ObjectMapper json;

    public QuotaResource(Deployments deployments, SecurityIdentity identity, ObjectMapper json) {
        this.deployments = deployments;
        this.identity = identity;
        this.json = json;
    }

    @GET
    @Operation(summary = "The namespace's deployment quota and what its deployments use")
    public ObjectNode get(@PathParam("namespace") String namespace) {
        return DeploymentJson.quota(json, deployments.quota(Caller.required(identity), namespace));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the namespace's quota", description = "Administrators only: {\"deployments\": n, \"gpus\": n}.")
    public ObjectNode put(@PathParam("namespace") String namespace, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("Send the quota as {\"deployments\": 3, \"gpus\": 2}.");
        }
        body.fieldNames().forEachRemaining(key -> {
            if (!key.equals("deployments") && !key.equals("gpus")) {
                throw ApiException.invalidField(key, "'" + key + "' is not part of a quota: give deployments and gpus.");
            }
        });
        return DeploymentJson.quota(json, deployments.setQuota(Caller.required(identity), namespace,
                count(body, "deployments"), count(body, "gpus")));
    }

    @DELETE
    @Operation(summary = "Go back to the default quota", description = "Administrators only.")
    public ObjectNode delete(@PathParam("namespace") String namespace) {
        return DeploymentJson.quota(json, deployments.setQuota(Caller.required(identity), namespace, Optional.empty(),
                Optional.empty()));
    }

    private static Optional<Integer> count(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 0 || value.asInt() > MAX) {
            throw ApiException.invalidField(field, "'" + field + "' is a whole number from 0 to " + MAX + ".");
        }
        return Optional.of(value.asInt());
    }
}
