package dev.stoa.hub.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.identity.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.OptionalLong;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Leaderboards per task: the latest result of every model the caller may see, as JSON and as a chart. Anyone may
 * look; private models (and runs on private datasets) appear only to those who can read them.
 */
@Path("/api/v1/leaderboards/{namespace}/{dataset}/{task}")
@Tag(name = "Evaluations")
@Blocking
public class LeaderboardResource {

    private final Leaderboards leaderboards;
    private final SecurityIdentity identity;
    private final ObjectMapper json;

    public LeaderboardResource(Leaderboards leaderboards, SecurityIdentity identity, ObjectMapper json) {
        this.leaderboards = leaderboards;
        this.identity = identity;
        this.json = json;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A task's leaderboard",
            description = "Best first for ?metric= (default: the task's first). Filters: ?license=, ?minParameters=,"
                    + " ?maxParameters=, ?organisation= (models of one namespace). Adapters carry their base and the"
                    + " difference to its score; each entry links to its run.")
    public ObjectNode board(@PathParam("namespace") String namespace, @PathParam("dataset") String dataset,
            @PathParam("task") String task, @QueryParam("metric") String metric, @QueryParam("license") String license,
            @QueryParam("minParameters") String minParameters, @QueryParam("maxParameters") String maxParameters,
            @QueryParam("organisation") String organisation) {
        Leaderboards.Board board = find(namespace, dataset, task, metric, license, minParameters, maxParameters,
                organisation);
        ObjectNode out = json.createObjectNode().put("task", board.task()).put("metric", board.metric())
                .put("higherIsBetter", board.higherIsBetter());
        out.set("metrics", json.valueToTree(board.metrics()));
        ArrayNode entries = out.putArray("entries");
        int rank = 1;
        for (Leaderboards.Entry e : board.entries()) {
            ObjectNode entry = entries.addObject().put("rank", rank++).put("model", e.model()).put("kind", e.kind())
                    .put("commit", e.commit()).put("value", e.value()).put("stderr", e.stderr())
                    .put("runner", e.runner()).put("run", "/api/v1/evaluations/" + e.runId())
                    .put("finishedAt", e.finishedAt());
            e.base().ifPresent(b -> entry.put("base", b));
            e.delta().ifPresent(d -> entry.put("deltaToBase", d));
            e.parameters().ifPresentOrElse(p -> entry.put("parameters", p), () -> entry.putNull("parameters"));
            e.license().ifPresentOrElse(l -> entry.put("license", l), () -> entry.putNull("license"));
        }
        return out;
    }

    @GET
    @Path("/chart.svg")
    @Produces("image/svg+xml")
    @Operation(summary = "The leaderboard as a chart: score against parameter count (SVG)")
    public Response chart(@PathParam("namespace") String namespace, @PathParam("dataset") String dataset,
            @PathParam("task") String task, @QueryParam("metric") String metric, @QueryParam("license") String license,
            @QueryParam("minParameters") String minParameters, @QueryParam("maxParameters") String maxParameters,
            @QueryParam("organisation") String organisation) {
        String svg = LeaderboardChart.render(find(namespace, dataset, task, metric, license, minParameters,
                maxParameters, organisation));
        return Response.ok(svg, "image/svg+xml").header("Content-Security-Policy", "default-src 'none'; style-src"
                + " 'unsafe-inline'").header("X-Content-Type-Options", "nosniff").build();
    }

    private Leaderboards.Board find(String namespace, String dataset, String task, String metric, String license,
            String minParameters, String maxParameters, String organisation) {
        return leaderboards.board(Caller.of(identity), namespace + "/" + dataset, task,
                new Leaderboards.Filter(blankless(metric), blankless(license), count("minParameters", minParameters),
                        count("maxParameters", maxParameters), blankless(organisation)));
    }

    private static OptionalLong count(String field, String value) {
        if (value == null || value.isBlank()) {
            return OptionalLong.empty();
        }
        try {
            long count = Long.parseLong(value.strip());
            if (count < 0) {
                throw new NumberFormatException();
            }
            return OptionalLong.of(count);
        } catch (NumberFormatException e) {
            throw ApiException.invalidField(field, "\"" + field + "\" is a number of parameters, e.g. 7000000000.");
        }
    }

    private static Optional<String> blankless(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
