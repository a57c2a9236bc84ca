package dev.stoa.hub.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.ops.PublicRoute;
import dev.stoa.hub.storage.ObjectStore;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Evaluation runs: a task of a dataset repository run on a model, with progress, results and per-document records. */
@Path("/api/v1/evaluations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Evaluations")
@Blocking
public class EvaluationResource {

    private static final int MAX_LIST = 100;

    private final EvaluationRuns runs;
    private final EvaluationResults results;
    private final ObjectStore objects;
    private final SecurityIdentity identity;
    private final ObjectMapper json;

    public EvaluationResource(EvaluationRuns runs, EvaluationResults results, ObjectStore objects,
            SecurityIdentity identity, ObjectMapper json) {
        this.runs = runs;
        this.results = results;
        this.objects = objects;
        this.identity = identity;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Run a task on a model",
            description = "{\"model\": \"ns/name[@revision]\" or \"external/name\", \"task\": \"<dataset ns>/<dataset"
                    + " name>[@revision]/<task>\", optional \"num_fewshot\", \"limit\" (documents), \"seed\"}. 202 with"
                    + " the queued run; every input is pinned to a commit now.")
    public Response start(JsonNode body) {
        Caller caller = Caller.required(identity);
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("Send the evaluation as a JSON object with \"model\" and \"task\".");
        }
        EvaluationRow run = runs.start(caller, body);
        return Response.accepted(view(run)).location(URI.create("/api/v1/evaluations/" + run.id())).build();
    }

    @GET
    @Operation(summary = "Evaluations you can see, newest first",
            description = "Filters: ?model=ns/name, ?task=<dataset ns>/<dataset name>/<task>, ?status=, ?mine=true;"
                    + " ?limit= up to 100.")
    public ObjectNode list(@QueryParam("model") String model, @QueryParam("task") String task,
            @QueryParam("status") String status, @QueryParam("mine") boolean mine, @QueryParam("limit") Integer limit) {
        if (limit != null && (limit < 1 || limit > MAX_LIST)) {
            throw ApiException.invalidField("limit", "\"limit\" is from 1 to " + MAX_LIST + ".");
        }
        ObjectNode out = json.createObjectNode();
        ArrayNode items = out.putArray("evaluations");
        for (EvaluationRow run : runs.list(Caller.of(identity), blankless(model), blankless(status), blankless(task),
                mine, limit == null ? MAX_LIST : limit)) {
            items.add(view(run));
        }
        return out;
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "An evaluation: status, progress, metrics with standard errors, the run record")
    public ObjectNode get(@PathParam("id") String id) {
        return view(runs.get(Caller.of(identity), uuid(id)));
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel an evaluation", description = "A queued run ends at once; a running one within a second.")
    public ObjectNode cancel(@PathParam("id") String id) {
        return view(runs.cancel(Caller.required(identity), uuid(id)));
    }

    @GET
    @Path("/{id}/samples")
    @Produces("application/jsonl")
    @Operation(summary = "The per-document records of an ended run, as JSON Lines",
            description = "Each line: doc_id, doc, arguments (the prompts), resps (the model's answers), target and the"
                    + " document's scores.")
    public Response samples(@PathParam("id") String id) {
        EvaluationRow run = runs.get(Caller.of(identity), uuid(id));
        String key = run.samplesKey().orElseThrow(() -> ApiException.notFound("SamplesNotFound", run.isFinished()
                ? "This evaluation ended before it scored any document." : "The records are published when the run ends;"
                + " it is " + run.status() + "."));
        StreamingOutput body = out -> {
            try (InputStream in = objects.get(key)) {
                in.transferTo(out);
            }
        };
        return Response.ok(body, "application/jsonl").build();
    }

    @GET
    @Path("/{id}/every-eval-ever")
    @Operation(summary = "A succeeded run in the Every Eval Ever schema (0.2.1)")
    public ObjectNode everyEvalEver(@PathParam("id") String id) {
        EvaluationRow run = runs.get(Caller.of(identity), uuid(id));
        if (!run.status().equals("succeeded")) {
            throw ApiException.conflict("NotFinished", "Only a succeeded evaluation has results; this one is "
                    + run.status() + ".");
        }
        return EveryEvalEver.record(run, "Stoa", runs.startedByOwner(run));
    }

    @POST
    @Path("/{id}/publish")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Offer a result to the model's repository",
            description = "Commits .eval_results/<dataset>-<task>.yaml (and, with \"modelIndex\": true, the card's"
                    + " model-index) to main, each with a Stoa-signed verifyToken; {\"metric\": ..., \"modelIndex\":"
                    + " true, \"createPr\": true} opens a pull request instead, for those who cannot commit there.")
    public Response publish(@PathParam("id") String id, JsonNode body) {
        Caller caller = Caller.required(identity);
        JsonNode options = body == null ? json.createObjectNode() : body;
        Optional<String> metric = options.path("metric").isTextual() ? Optional.of(options.path("metric").asText())
                : Optional.empty();
        EvaluationResults.Published published = results.publish(caller, uuid(id), metric,
                options.path("modelIndex").asBoolean(false), options.path("createPr").asBoolean(false));
        ObjectNode out = json.createObjectNode().put("commit", published.commit().commitOid())
                .put("ref", published.commit().ref()).put("verifyToken", published.verifyToken());
        out.set("files", json.valueToTree(published.files()));
        published.commit().pullRequestId().ifPresent(pr -> out.put("pullRequest", pr));
        return Response.status(Response.Status.CREATED).entity(out).build();
    }

    @POST
    @Path("/verify")
    @Consumes(MediaType.APPLICATION_JSON)
    @PublicRoute("Checks a token anyone may hold (it is in a repository's files); answers only what the token says.")
    @Operation(summary = "Check a result's verifyToken",
            description = "{\"token\": ...} answers whether Stoa signed it, what it says (run, pinned model and task,"
                    + " metric, value, stderr) and whether the run's record still matches.")
    public ObjectNode verify(JsonNode body) {
        if (body == null || !body.path("token").isTextual() || body.path("token").asText().length() > 4096) {
            throw ApiException.invalidField("token", "Send {\"token\": \"<verifyToken>\"}.");
        }
        EvaluationResults.Verification verification = results.verify(body.path("token").asText());
        ObjectNode out = json.createObjectNode().put("valid", verification.valid())
                .put("matchesRun", verification.matchesRun());
        verification.claims().ifPresent(c -> out.set("claims", c));
        return out;
    }

    private ObjectNode view(EvaluationRow run) {
        ObjectNode out = json.createObjectNode().put("id", run.id().toString()).put("model", run.model())
                .put("task", run.task()).put("status", run.status()).put("startedBy", run.ownerName());
        ObjectNode progress = out.putObject("progress").put("done", run.done());
        run.total().ifPresentOrElse(t -> progress.put("total", t), () -> progress.putNull("total"));
        run.metrics().ifPresentOrElse(m -> out.set("metrics", m), () -> out.putNull("metrics"));
        run.error().ifPresentOrElse(e -> out.put("error", e), () -> out.putNull("error"));
        out.set("record", run.record());
        out.put("createdAt", run.createdAt().toString());
        run.startedAt().ifPresent(t -> out.put("startedAt", t.toString()));
        run.finishedAt().ifPresent(t -> out.put("finishedAt", t.toString()));
        if (run.samplesKey().isPresent()) {
            out.put("samples", "/api/v1/evaluations/" + run.id() + "/samples");
        }
        return out;
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("EvaluationNotFound", "There is no evaluation " + id + " that you can see.");
        }
    }

    private static Optional<String> blankless(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
