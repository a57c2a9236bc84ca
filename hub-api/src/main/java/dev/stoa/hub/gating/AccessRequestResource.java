package dev.stoa.hub.gating;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.stoa.hub.access.RepoAccess;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.repo.Gating;
import dev.stoa.hub.repo.RepoId;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.RepoView;
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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Access requests to gated repositories under {@code /api/{models|datasets}/{ns}/{name}/user-access-request}.
 * The Hub's routes, as huggingface_hub calls them: {@code GET /{pending|accepted|rejected}}, {@code POST /handle}
 * {@code {user, status, rejectionReason?}}, {@code POST /grant} {@code {user}} and {@code POST /cancel} (the
 * caller withdraws their pending request). Stoa's own: {@code GET /form} (the card's form and terms), {@code POST}
 * on the collection itself {@code {"fields": {label: answer}}} (ask for access) and {@code GET /export} (the
 * history of requests and decisions, JSON lines or CSV).
 *
 * <p>Asking needs a signed-in user who can read the repository; listing, deciding, granting and exporting need
 * write access to it. A private repository answers {@code RepoNotFound} to everyone else, as on every route.
 */
@Path("/api/{type: models|datasets}/{ns}/{name}/user-access-request")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class AccessRequestResource {

    private final RepoAccess access;
    private final AccessRequests requests;
    private final ObjectMapper json;
    private final SecurityIdentity identity;

    AccessRequestResource(RepoAccess access, AccessRequests requests, ObjectMapper json, SecurityIdentity identity) {
        this.access = access;
        this.requests = requests;
        this.json = json;
        this.identity = identity;
    }

    @GET
    @Path("/form")
    public Map<String, Object> form(@PathParam("type") String type, @PathParam("ns") String ns, @PathParam("name") String name) {
        Optional<Caller> caller = Caller.of(identity);
        RepoView repo = access.requireReadable(id(type, ns, name), caller);
        GateForm form = requests.form(repo);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("gated", repo.gated() == Gating.off ? false : repo.gated().name());
        body.put("heading", form.heading());
        body.put("prompt", form.prompt());
        body.put("description", form.description());
        body.put("buttonContent", form.buttonContent());
        body.put("cardCommit", form.cardCommit());
        body.put("fields", form.fields().stream().map(AccessRequestResource::field).toList());
        if (caller.isPresent()) {
            Map<String, Object> yours = new LinkedHashMap<>();
            yours.put("canDownload", access.canDownload(repo, caller));
            yours.put("status", requests.statusOf(repo, caller.get()).map(Enum::name).orElse(null));
            body.put("yourAccess", yours);
        }
        return body;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> request(@PathParam("type") String type, @PathParam("ns") String ns,
                                       @PathParam("name") String name, JsonNode body) {
        Caller caller = Caller.required(identity);
        RepoView repo = access.requireReadable(id(type, ns, name), Optional.of(caller));
        JsonNode fields = object(body).get("fields");
        RequestStatus status = requests.request(repo, caller, fields == null ? NullNode.instance : fields);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", status.name());
        answer.put("message", status == RequestStatus.accepted ? "Access granted: you can download the files of " + repo.repoId() + "."
                : "Your request is awaiting a review from the authors of " + repo.repoId() + ".");
        return answer;
    }

    @POST
    @Path("/cancel")
    public Map<String, Object> cancel(@PathParam("type") String type, @PathParam("ns") String ns, @PathParam("name") String name) {
        Caller caller = Caller.required(identity);
        requests.cancel(access.requireReadable(id(type, ns, name), Optional.of(caller)), caller);
        return Map.of("ok", true);
    }

    @GET
    @Path("/{status: pending|accepted|rejected}")
    public List<Map<String, Object>> list(@PathParam("type") String type, @PathParam("ns") String ns,
                                          @PathParam("name") String name, @PathParam("status") String status) {
        RepoView repo = access.requireWritable(id(type, ns, name), Caller.of(identity));
        return requests.list(repo, RequestStatus.valueOf(status)).stream().map(AccessRequestResource::item).toList();
    }

    @POST
    @Path("/handle")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> handle(@PathParam("type") String type, @PathParam("ns") String ns,
                                      @PathParam("name") String name, JsonNode body) {
        Optional<Caller> caller = Caller.of(identity);
        RepoView repo = access.requireWritable(id(type, ns, name), caller);
        JsonNode request = object(body);
        String status = text(request, "status", true);
        RequestStatus target;
        try {
            target = RequestStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("status", "\"status\" must be \"accepted\", \"rejected\" or \"pending\", not \""
                    + status + "\".");
        }
        requests.handle(repo, caller.orElseThrow(), text(request, "user", true), target, text(request, "rejectionReason", false));
        return Map.of();
    }

    @POST
    @Path("/grant")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> grant(@PathParam("type") String type, @PathParam("ns") String ns,
                                     @PathParam("name") String name, JsonNode body) {
        Optional<Caller> caller = Caller.of(identity);
        RepoView repo = access.requireWritable(id(type, ns, name), caller);
        requests.grant(repo, caller.orElseThrow(), text(object(body), "user", true));
        return Map.of();
    }

    @GET
    @Path("/export")
    @Produces({"application/x-ndjson", "text/csv"})
    public Response export(@PathParam("type") String type, @PathParam("ns") String ns, @PathParam("name") String name,
                           @QueryParam("format") String format) {
        RepoView repo = access.requireWritable(id(type, ns, name), Caller.of(identity));
        AccessRecordExport export = switch (format == null || format.isBlank() ? "jsonl" : format) {
            case "jsonl" -> AccessRecordExport.jsonLines(json);
            case "csv" -> AccessRecordExport.csv(json);
            default -> throw ApiException.invalidField("format", "\"format\" must be \"jsonl\" or \"csv\", not \"" + format + "\".");
        };
        String file = "access-records-" + repo.repoId().namespace() + "-" + repo.repoId().name() + "." + export.extension();
        return Response.ok(export.writing(out -> requests.export(repo, event -> export.write(event, out))), export.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                .build();
    }

    private static RepoId id(String type, String ns, String name) {
        return new RepoId(RepoType.fromPlural(type), ns, name);
    }

    private static JsonNode object(JsonNode body) {
        if (body == null || body.isNull()) {
            return NullNode.instance;
        }
        if (!body.isObject()) {
            throw ApiException.badRequest("Send a JSON object.");
        }
        return body;
    }

    private static String text(JsonNode body, String key, boolean required) {
        JsonNode value = body.get(key);
        if (value == null || value.isNull()) {
            if (required) {
                throw ApiException.invalidField(key, "\"" + key + "\" is required.");
            }
            return null;
        }
        if (!value.isTextual() || (required && value.asText().isBlank())) {
            throw ApiException.invalidField(key, "\"" + key + "\" must be a non-empty string.");
        }
        return value.asText();
    }

    private static Map<String, Object> field(GateForm.Field field) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", field.label());
        out.put("type", field.type());
        out.put("required", true);
        if (field.type().equals("select")) {
            out.put("options", field.options().stream().map(o -> Map.of("label", o.label(), "value", o.value())).toList());
        }
        return out;
    }

    /** One request as huggingface_hub reads it: {@code user.user}, {@code user.fullname}, {@code user.email}, {@code status}, {@code timestamp}, {@code fields}. */
    private static Map<String, Object> item(AccessRequest request) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("_id", Long.toString(request.userId()));
        user.put("user", request.userName());
        user.put("fullname", request.fullname() == null ? request.userName() : request.fullname());
        // Only a user who asked agreed to share their email with the authors.
        user.put("email", request.requestedByUser() ? request.email() : null);
        user.put("type", "user");
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("user", user);
        item.put("timestamp", request.requestedAt());
        if (request.decidedAt() != null) {
            item.put("reviewedAt", request.decidedAt());
        }
        item.put("status", request.status().name());
        if (request.status() == RequestStatus.accepted && request.deciderName() != null) {
            item.put("grantedBy", Map.of("user", request.deciderName(),
                    "fullname", request.deciderFullname() == null ? request.deciderName() : request.deciderFullname()));
        }
        item.put("fields", request.fields());
        return item;
    }
}
