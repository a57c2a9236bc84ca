package dev.stoa.hub.git;

import dev.stoa.hub.config.StoaConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Lets git pushes through the HTTP body limit ({@code quarkus.http.limits.max-body-size}, which keeps every
 * JSON route small): a {@code git-receive-pack} request may carry a pack of up to {@code stoa.repos.limits.max-push-bytes}
 * (JGit refuses a larger pack in-band, with a message git shows). Quarkus refuses a large {@code Content-Length}
 * in a route of order -2 (git sends one when the pack fits its {@code http.postBuffer}), so the header is set
 * aside just before it and put back just after, where the stream limit is raised too.
 */
@ApplicationScoped
class GitBodyLimit {

    static final String RECEIVE_PACK_PATHS = "^/(?:datasets/)?[^/]+/[^/]+/git-receive-pack$";
    /** Room for the ref update commands that precede the pack. */
    private static final long COMMAND_BYTES = 1024 * 1024;
    private static final String MAX_REQUEST_SIZE = "io.quarkus.max-request-size";
    private static final String SET_ASIDE = "stoa.git.content-length";

    private final long limit;

    GitBodyLimit(StoaConfig config) {
        this.limit = config.repos().limits().maxPushBytes() + COMMAND_BYTES;
    }

    void register(@Observes Router router) {
        router.routeWithRegex(RECEIVE_PACK_PATHS).order(-3).handler(this::setAside);
        router.routeWithRegex(RECEIVE_PACK_PATHS).order(-1).handler(this::raise);
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
