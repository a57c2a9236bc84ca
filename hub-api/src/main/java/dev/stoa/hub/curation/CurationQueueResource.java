package dev.stoa.hub.curation;

import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.identity.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/**
 * {@code GET /api/v1/curation/queue?after=&limit=}: the pending requests a curator may decide, oldest first, each
 * with its commit's check results and what blocks approval. Page on with {@code after=<last id>}.
 */
@Path("/api/v1/curation/queue")
@Produces(MediaType.APPLICATION_JSON)
public class CurationQueueResource {

    private final CurationQueue queue;
    private final SecurityIdentity identity;

    public CurationQueueResource(CurationQueue queue, SecurityIdentity identity) {
        this.queue = queue;
        this.identity = identity;
    }

    @GET
    public List<CurationJson.Detailed> list(@QueryParam("after") Long after, @QueryParam("limit") Integer limit) {
        int size = limit == null ? 50 : limit;
        if (size < 1 || size > 200) {
            throw ApiException.invalidField("limit", "Use a page size from 1 to 200.");
        }
        return queue.page(Caller.required(identity), after == null ? 0 : after, size);
    }
}
