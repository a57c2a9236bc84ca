package dev.stoa.hub.hf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stoa.hub.card.CardRules;
import dev.stoa.hub.card.FrontMatter;
import dev.stoa.hub.ops.PublicRoute;
import dev.stoa.hub.repo.RepoType;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/validate-yaml} {@code {content, repoType}}: the README check huggingface_hub runs before a
 * commit that adds a README. It parses the answer as JSON before it looks at the status, so every answer here is
 * JSON: 200 {@code {"warnings": []}} or 400 {@code {"errors": [{"message"}]}}, never the hub-wide error shape.
 * Anonymous callers are answered too: the check reveals nothing.
 */
@Path("/api/validate-yaml")
@Blocking
public class ValidateYamlResource {

    /** Cards are small; a larger body is refused rather than parsed. */
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final ObjectMapper json;

    public ValidateYamlResource(ObjectMapper json) {
        this.json = json;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @PublicRoute("Checks the card text the caller sends; reads nothing stored.")
    public Response validate(InputStream body) {
        JsonNode request;
        try {
            byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                return errors("The request is larger than " + MAX_BODY_BYTES + " bytes; cards must be smaller.");
            }
            request = json.readTree(bytes);
        } catch (IOException e) {
            return errors("The request is not JSON: send {\"content\": \"<README text>\", \"repoType\": \"model\"}.");
        }
        if (request == null || !request.path("content").isTextual()) {
            return errors("The request has no \"content\" string: send {\"content\": \"<README text>\", \"repoType\": \"model\"}.");
        }
        RepoType type = "dataset".equals(request.path("repoType").asText("model")) ? RepoType.dataset : RepoType.model;
        ObjectNode card;
        try {
            card = FrontMatter.parse(request.get("content").asText());
        } catch (FrontMatter.InvalidFrontMatter e) {
            return errors(e.getMessage());
        }
        List<String> problems = CardRules.problems(card, type);
        if (!problems.isEmpty()) {
            return errors(problems.toArray(String[]::new));
        }
        return Response.ok(Map.of("warnings", List.of()), MediaType.APPLICATION_JSON).build();
    }

    private static Response errors(String... messages) {
        List<Map<String, String>> errors = java.util.Arrays.stream(messages).map(m -> Map.of("message", m)).toList();
        return Response.status(400).type(MediaType.APPLICATION_JSON).entity(Map.of("errors", errors)).build();
    }
}
