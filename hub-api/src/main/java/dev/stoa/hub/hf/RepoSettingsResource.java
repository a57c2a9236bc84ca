package dev.stoa.hub.hf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stoa.hub.access.RepoAccess;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.repo.Gating;
import dev.stoa.hub.repo.RepoId;
import dev.stoa.hub.repo.RepoService;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.RepoView;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code PUT /api/{models|datasets}/{ns}/{name}/settings}: huggingface_hub's update_repo_settings (and
 * update_repo_visibility). Any of {@code private} (boolean), {@code visibility} ({@code public|private}),
 * {@code gated} ({@code "auto"|"manual"|false}); other keys are ignored.
 */
@Path("/api/{type: models|datasets}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
public class RepoSettingsResource {

    private final RepoAccess access;
    private final RepoService repos;
    private final SecurityIdentity identity;

    public RepoSettingsResource(RepoAccess access, RepoService repos, SecurityIdentity identity) {
        this.access = access;
        this.repos = repos;
        this.identity = identity;
    }

    @PUT
    @Path("/{ns}/{name}/settings")
    public Map<String, Object> update(@PathParam("type") String type, @PathParam("ns") String namespace,
                                      @PathParam("name") String name, JsonNode body) {
        RepoView repo = access.requireWritable(new RepoId(RepoType.fromPlural(type), namespace, name), Caller.of(identity));
        if (body != null && !body.isNull() && !body.isObject()) {
            throw ApiException.badRequest("Send the settings as a JSON object, e.g. {\"private\": true}.");
        }
        JsonNode settings = body == null ? com.fasterxml.jackson.databind.node.NullNode.instance : body;
        Optional<Boolean> isPrivate = isPrivate(settings);
        Optional<Gating> gated = gated(settings.get("gated"));
        RepoView updated = repos.updateSettings(repo, isPrivate, gated);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("private", updated.isPrivate());
        answer.put("visibility", updated.isPrivate() ? "private" : "public");
        answer.put("gated", updated.gated() == Gating.off ? false : updated.gated().name());
        return answer;
    }

    private static Optional<Boolean> isPrivate(JsonNode settings) {
        JsonNode flag = settings.get("private");
        JsonNode visibility = settings.get("visibility");
        Optional<Boolean> fromFlag = Optional.empty();
        if (flag != null && !flag.isNull()) {
            if (!flag.isBoolean()) {
                throw ApiException.invalidField("private", "\"private\" must be true or false, not " + flag + ".");
            }
            fromFlag = Optional.of(flag.booleanValue());
        }
        Optional<Boolean> fromVisibility = Optional.empty();
        if (visibility != null && !visibility.isNull()) {
            fromVisibility = switch (visibility.isTextual() ? visibility.asText() : "") {
                case "private" -> Optional.of(true);
                case "public" -> Optional.of(false);
                default -> throw ApiException.invalidField("visibility", "\"visibility\" must be \"public\" or \"private\", not "
                        + visibility + ".");
            };
        }
        if (fromFlag.isPresent() && fromVisibility.isPresent() && !fromFlag.equals(fromVisibility)) {
            throw ApiException.invalidField("visibility", "\"private\" and \"visibility\" disagree; send only one of them.");
        }
        return fromFlag.isPresent() ? fromFlag : fromVisibility;
    }

    private static Optional<Gating> gated(JsonNode gated) {
        if (gated == null || gated.isNull()) {
            return Optional.empty();
        }
        if (gated.isBoolean() && !gated.booleanValue()) {
            return Optional.of(Gating.off);
        }
        if (gated.isTextual()) {
            switch (gated.asText()) {
                case "auto":
                    return Optional.of(Gating.auto);
                case "manual":
                    return Optional.of(Gating.manual);
                default:
                    break;
            }
        }
        throw ApiException.invalidField("gated", "\"gated\" must be \"auto\", \"manual\" or false, not " + gated + ".");
    }
}
