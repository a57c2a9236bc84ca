package dev.stoa.hub.ops;

import dev.stoa.hub.config.StoaConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Lets the few routes that stream large bodies through the HTTP body limit
 * ({@code quarkus.http.limits.max-body-size}, which keeps every JSON route small): LFS uploads (up to
 * {@code stoa.repos.limits.max-object-bytes}), git pushes ({@code max-push-bytes}, plus room for the ref
 * commands) and HF commits ({@code max-commit-payload-bytes}). Each of those routes reads its body as a stream
 * and enforces its own limit with a message that names the setting.
 *
 * <p>Quarkus refuses a large {@code Content-Length} in a route of order -2, so the header is set aside just
 * before it and put back just after, where the stream limit is raised too.
 */
@ApplicationScoped
class LargeRequestBodies {

    private static final String MAX_REQUEST_SIZE = "io.quarkus.max-request-size";
    private static final String SET_ASIDE = "stoa.content-length";
    private static final long GIT_COMMAND_BYTES = 1024 * 1024;

    private final StoaConfig.Limits limits;

    LargeRequestBodies(StoaConfig config) {
        this.limits = config.repos().limits();
    }

    void register(@Observes Router router) {
        allow(router, "^/api/lfs/uploads/.*", limits.maxObjectBytes() + 1);
        allow(router, "^/(?:datasets/)?[^/]+/[^/]+/git-receive-pack$", limits.maxPushBytes() + GIT_COMMAND_BYTES);
        allow(router, "^/api/(?:models|datasets)/[^/]+/[^/]+/commit/.*", limits.maxCommitPayloadBytes() + 1);
    }

    private static void allow(Router router, String paths, long limit) {
        router.routeWithRegex(paths).order(-3).handler(LargeRequestBodies::setAside);
        router.routeWithRegex(paths).order(-1).handler(context -> raise(context, limit));
    }

    private static void setAside(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            context.put(SET_ASIDE, length);
            context.request().headers().remove(HttpHeaders.CONTENT_LENGTH);
        }
        context.next();
    }

    private static void raise(RoutingContext context, long limit) {
        String length = context.get(SET_ASIDE);
        if (length != null) {
            context.request().headers().set(HttpHeaders.CONTENT_LENGTH, length);
        }
        context.put(MAX_REQUEST_SIZE, limit);
        context.next();
    }
}
