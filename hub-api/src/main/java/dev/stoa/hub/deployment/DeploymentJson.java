package dev.stoa.hub.deployment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stoa.spi.inference.Resources;
import java.util.List;
import java.util.Locale;

/** How deployments and quotas read in the API. */
final class DeploymentJson {

    private DeploymentJson() {
    }

    static ObjectNode deployment(ObjectMapper json, DeploymentRow row, boolean servedHere) {
        ObjectNode out = json.createObjectNode();
        out.put("id", row.fullName()).put("owner", row.owner()).put("name", row.name());
        out.set("model", pinned(json, row.model()));
        ArrayNode adapters = out.putArray("adapters");
        row.adapters().forEach(a -> adapters.add(pinned(json, a)));
        out.put("runner", row.runner()).put("task", row.task());
        out.set("resources", resources(json, row.resources()));
        ObjectNode options = out.putObject("engineOptions");
        row.engineOptions().forEach(options::put);
        out.put("scaleToZeroTimeout", row.scaleToZeroMinutes());
        out.putObject("status").put("state", row.state().name().toLowerCase(Locale.ROOT)).put("message", row.message())
                .put("updatedAt", row.updatedAt().toString()).put("servedHere", servedHere);
        // The names to send as "model" to /v1: the base model and each adapter, all served by this deployment.
        ArrayNode names = out.putArray("modelNames");
        row.modelNames().forEach(names::add);
        out.put("createdBy", row.createdBy()).put("createdAt", row.createdAt().toString());
        return out;
    }

    static ObjectNode withHistory(ObjectMapper json, DeploymentRow row, boolean servedHere, List<DeploymentRow.Status> history) {
        ObjectNode out = deployment(json, row, servedHere);
        ArrayNode list = out.putArray("history");
        for (DeploymentRow.Status s : history) {
            list.addObject().put("state", s.state().name().toLowerCase(Locale.ROOT)).put("message", s.message())
                    .put("at", s.at().toString());
        }
        return out;
    }

    static ObjectNode quota(ObjectMapper json, Deployments.QuotaUse use) {
        ObjectNode out = json.createObjectNode().put("account", use.account());
        out.putObject("deployments").put("limit", use.quota().deployments()).put("used", use.used().deployments());
        out.putObject("gpus").put("limit", use.quota().gpus()).put("used", use.used().gpus());
        out.put("default", use.quota().setBy().isEmpty());
        use.quota().setBy().ifPresent(by -> out.put("setBy", by));
        use.quota().setAt().ifPresent(at -> out.put("setAt", at.toString()));
        return out;
    }

    private static ObjectNode pinned(ObjectMapper json, DeploymentRow.Pinned pinned) {
        return json.createObjectNode().put("id", pinned.id()).put("commit", pinned.commit());
    }

    private static ObjectNode resources(ObjectMapper json, Resources r) {
        ObjectNode out = json.createObjectNode();
        out.put("cpu", r.cpuMillis() + "m").put("memory", r.memoryBytes()).put("gpus", r.gpuCount())
                .put("gpuType", r.gpuType());
        ObjectNode selector = out.putObject("nodeSelector");
        r.nodeSelector().forEach(selector::put);
        return out;
    }
}
