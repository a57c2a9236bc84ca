package dev.stoa.hub.lfs;

import dev.stoa.hub.config.StoaConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Lets LFS transfers through the HTTP body limit ({@code quarkus.http.limits.max-body-size}, which keeps
 * every JSON route small): uploads under {@code /api/lfs/uploads/} may carry up to
 * {@code stoa.repos.limits.max-object-bytes}. Quarkus refuses a large {@code Content-Length} in a route of
 * order -2, so the header is set aside just before it, and the stream limit raised just after it. The
 * upload code reads at most the announced object size plus one byte whatever the client sends.
 */
@ApplicationScoped
class LfsBodyLimit {

    static final String PATH = "/api/lfs/uploads/*";
    private static final String MAX_REQUEST_SIZE = "io.quarkus.max-request-size";
    private static final String SET_ASIDE = "stoa.lfs.content-length";

    private final long limit;

    LfsBodyLimit(StoaConfig config) {
        this.limit = config.repos().limits().maxObjectBytes() + 1;
    }

    void register(@Observes Router router) {
        router.route(PATH).order(-3).handler(this::setAside);
        router.route(PATH).order(-1).handler(this::raise);
    }

    private void setAside(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            context.put(SET_ASIDE, length);
            context.request().headers().remove(HttpHeaders.CONTENT_LENGTH);
        }
        context.next();
    }

    private void raise(RoutingContext context) {
        String length = context.get(SET_ASIDE);
        if (length != null) {
            context.request().headers().set(HttpHeaders.CONTENT_LENGTH, length);
        }
        context.put(MAX_REQUEST_SIZE, limit);
        context.next();
    }
}
