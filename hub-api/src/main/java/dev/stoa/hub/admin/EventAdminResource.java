package dev.stoa.hub.admin;

import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.event.Change;
import dev.stoa.hub.event.EventDeliveries;
import dev.stoa.hub.event.Outbox;
import dev.stoa.hub.identity.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * The event stream for platform administrators: each consumer's backlog (pending, parked, how old the oldest pending
 * event is) and the deliveries a consumer gave up on, to replay once the cause is fixed, or to drop.
 */
@Path("/api/v1/admin/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Events")
public class EventAdminResource {

    private static final int MAX_LIMIT = 1000;

    private final EventDeliveries deliveries;
    private final SecurityIdentity identity;
    private final Outbox outbox;

    public EventAdminResource(EventDeliveries deliveries, SecurityIdentity identity, Outbox outbox) {
        this.deliveries = deliveries;
        this.identity = identity;
        this.outbox = outbox;
    }

    public record Overview(long latestEventId, List<EventDeliveries.ConsumerState> consumers,
                           List<EventDeliveries.ParkedDelivery> parked) {
    }

    @GET
    @Operation(summary = "The event stream's consumers and parked deliveries", description = "Platform administrators only.")
    public Overview overview() {
        requireAdmin();
        return new Overview(deliveries.latestEventId(), deliveries.consumers(), deliveries.parked(Optional.empty(), 100));
    }

    @GET
    @Path("/parked")
    @Operation(summary = "Parked deliveries, oldest first", description = "Optionally of one consumer. Platform administrators only.")
    public List<EventDeliveries.ParkedDelivery> parked(@QueryParam("consumer") String consumer, @QueryParam("limit") String limit) {
        requireAdmin();
        return deliveries.parked(Optional.ofNullable(consumer).filter(c -> !c.isBlank()), limitOf(limit));
    }

    @POST
    @Path("/parked/{consumer}/{eventId}/replay")
    @Operation(summary = "Replay a parked delivery", description = "The consumer tries the event again, its tries counted"
            + " afresh; later events of the same repository follow it. Platform administrators only.")
    @Transactional
    public Response replay(@PathParam("consumer") String consumer, @PathParam("eventId") String eventId) {
        long id = actOnParked(consumer, eventId, "event.replayed", deliveries::replay);
        return Response.ok(Map.of("consumer", consumer, "eventId", id, "state", "pending")).build();
    }

    @DELETE
    @Path("/parked/{consumer}/{eventId}")
    @Operation(summary = "Drop a parked delivery", description = "The consumer never handles that event; later events of"
            + " the same repository go on. Platform administrators only.")
    @Transactional
    public Response discard(@PathParam("consumer") String consumer, @PathParam("eventId") String eventId) {
        actOnParked(consumer, eventId, "event.dropped", deliveries::discard);
        return Response.noContent().build();
    }

    /** Does {@code act} to a parked delivery as an administrator, and records it on the audit trail; returns the event id. */
    private long actOnParked(String consumer, String eventId, String auditAction, BiPredicate<String, Long> act) {
        Caller admin = requireAdmin();
        long id = eventIdOf(eventId);
        if (!act.test(consumer, id)) {
            throw ApiException.notFound("DeliveryNotParked", "Consumer '" + consumer + "' has no parked delivery of event "
                    + eventId + "; GET /api/v1/admin/events/parked lists them.");
        }
        outbox.change(auditAction, 0, Change.of("event", consumer + "/" + id, 0, Map.of(),
                Map.of("consumer", consumer, "event", id)).by(admin.actor()));
        return id;
    }

    private Caller requireAdmin() {
        Caller caller = Caller.required(identity);
        if (!caller.isAdmin()) {
            throw ApiException.forbidden("Only platform administrators see and manage the event stream.");
        }
        return caller;
    }

    private static long eventIdOf(String eventId) {
        try {
            return Long.parseLong(eventId);
        } catch (NumberFormatException e) {
            throw ApiException.invalidField("eventId", "'" + eventId + "' is not an event id: use the eventId a parked"
                    + " delivery shows.");
        }
    }

    private static int limitOf(String limit) {
        if (limit == null || limit.isBlank()) {
            return 100;
        }
        try {
            int value = Integer.parseInt(limit.strip());
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // Refused below.
        }
        throw ApiException.invalidField("limit", "limit must be a whole number from 1 to " + MAX_LIMIT + "; '" + limit + "' is not.");
    }
}
