package dev.stoa.hub.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.identity.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The audit trail: search, export (JSON lines) and verification of its hash chain. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
public class AuditResource {

    /** The media type of the export: one JSON object per line. */
    public static final String JSON_LINES = "application/x-ndjson";

    private final AuditRows rows;
    private final AuditReaders readers;
    private final AuditVerifier verifier;
    private final ObjectMapper json;
    private final SecurityIdentity identity;

    public AuditResource(AuditRows rows, AuditReaders readers, AuditVerifier verifier, ObjectMapper json,
                         SecurityIdentity identity) {
        this.rows = rows;
        this.readers = readers;
        this.verifier = verifier;
        this.json = json;
        this.identity = identity;
    }

    @GET
    @Path("/audit")
    @Operation(summary = "Search the audit trail", description = "Newest first. Platform administrators read every"
            + " event; an organisation's admins read their organisation's with org=<name>. Page on with after=<next>.")
    public Map<String, Object> search(@QueryParam("action") String action, @QueryParam("actor") String actor,
                                      @QueryParam("target") String target, @QueryParam("org") String org,
                                      @QueryParam("from") String from, @QueryParam("to") String to,
                                      @QueryParam("limit") String limit, @QueryParam("after") String after) {
        Optional<Long> orgId = readers.scope(Caller.required(identity), Optional.ofNullable(org).filter(o -> !o.isBlank()));
        AuditQuery query = AuditSearch.query(action, actor, target, orgId, from, to, limit, after,
                AuditSearch.DEFAULT_LIMIT, AuditSearch.MAX_LIMIT);
        List<AuditEvent> events = rows.search(query);
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("events", events.stream().map(AuditEvent::toJson).toList());
        page.put("next", events.size() == query.limit() ? events.getLast().id() : null);
        return page;
    }

    @GET
    @Path("/audit/export")
    @Produces(JSON_LINES)
    @Operation(summary = "Export the audit trail as JSON lines", description = "Oldest first, one event per line, with"
            + " the same filters and authorisation as the search; streamed, without a limit unless one is given.")
    public Response export(@QueryParam("action") String action, @QueryParam("actor") String actor,
                           @QueryParam("target") String target, @QueryParam("org") String org,
                           @QueryParam("from") String from, @QueryParam("to") String to,
                           @QueryParam("limit") String limit) {
        Optional<Long> orgId = readers.scope(Caller.required(identity), Optional.ofNullable(org).filter(o -> !o.isBlank()));
        AuditQuery query = AuditSearch.query(action, actor, target, orgId, from, to, limit, null, 0, Integer.MAX_VALUE);
        StreamingOutput body = out -> {
            OutputStream buffered = new BufferedOutputStream(out, 64 * 1024);
            rows.stream(query, true, event -> {
                buffered.write(json.writeValueAsBytes(event.toJson()));
                buffered.write('\n');
            });
            buffered.flush();
        };
        String name = "stoa-audit" + Optional.ofNullable(org).filter(o -> !o.isBlank()).map(o -> "-" + o.replaceAll("[^A-Za-z0-9._-]", "_")).orElse("") + ".jsonl";
        return Response.ok(body, JSON_LINES + "; charset=" + StandardCharsets.UTF_8.name().toLowerCase())
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .build();
    }

    @POST
    @Path("/admin/audit/verify")
    @Operation(summary = "Verify the audit trail's hash chain", description = "Platform administrators only. Reports"
            + " the first event that was changed, or that follows a removed one.")
    public AuditVerifier.Verification verify() {
        Caller caller = Caller.required(identity);
        if (!caller.isAdmin() || caller.restriction().isPresent()) {
            throw ApiException.forbidden("Only platform administrators verify the audit trail.");
        }
        return verifier.verify();
    }
}
