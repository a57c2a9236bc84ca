package dev.stoa.hub.moderation;

import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.identity.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Map;

/**
 * The moderators' queue: {@code GET /api/v1/moderation/quarantines?active=&limit=&before=}, {@code GET
 * /api/v1/moderation/reports?status=&limit=} (open reports oldest first) and {@code POST
 * /api/v1/moderation/reports/{id}} {@code {action: dismiss|quarantine|hide|contact-owner, message}}. Moderators and
 * administrators only: 401 anonymous, 403 for everyone else.
 */
@Path("/api/v1/moderation")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ModerationResource {

    private final Quarantines quarantines;
    private final Reports reports;
    private final SecurityIdentity identity;

    ModerationResource(Quarantines quarantines, Reports reports, SecurityIdentity identity) {
        this.quarantines = quarantines;
        this.reports = reports;
        this.identity = identity;
    }

    /** A moderator's decision on a report. */
    public record Decision(String action, String message) {
    }

    @GET
    @Path("/quarantines")
    public List<Map<String, Object>> quarantines(@QueryParam("active") @DefaultValue("true") boolean active,
                                                 @QueryParam("limit") @DefaultValue("100") int limit,
                                                 @QueryParam("before") @DefaultValue("9223372036854775807") long before) {
        ModeratedRepos.requireModerator(Caller.of(identity));
        return quarantines.list(active, limit(limit), before).stream().map(Quarantine::json).toList();
    }

    @GET
    @Path("/reports")
    public List<Map<String, Object>> reports(@QueryParam("status") String status,
                                             @QueryParam("limit") @DefaultValue("100") int limit) {
        ModeratedRepos.requireModerator(Caller.of(identity));
        return reports.byStatus(status == null || status.isBlank() ? null : status, limit(limit)).stream()
                .map(r -> r.json(true)).toList();
    }

    @POST
    @Path("/reports/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> act(@PathParam("id") long id, Decision body) {
        Caller moderator = ModeratedRepos.requireModerator(Caller.of(identity)).requireWrite();
        Decision decision = body == null ? new Decision(null, null) : body;
        return reports.act(id, moderator, Reports.Action.parse(decision.action()), decision.message()).json(true);
    }

    private static int limit(int limit) {
        if (limit < 1 || limit > 500) {
            throw ApiException.invalidField("limit", "Give limit between 1 and 500.");
        }
        return limit;
    }
}
