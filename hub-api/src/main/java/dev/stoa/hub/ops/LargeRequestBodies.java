package dev.stoa.hub.ops;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;

/**
 * Lets the few routes that stream large bodies past the HTTP body limit
 * ({@code quarkus.http.limits.max-body-size}, which keeps every buffered JSON route small): LFS uploads, git
 * pushes and HF commits. Each of them reads its body as a stream and stops at its own limit
 * ({@code stoa.repos.limits.max-object-bytes} and the announced size, {@code max-push-bytes},
 * {@code max-commit-payload-bytes}) with a message that names the setting — which the client would never see
 * if Quarkus cut the connection first on the announced {@code Content-Length}.
 *
 * <p>Quarkus refuses a large {@code Content-Length} in a route of order -2, so the header is set aside just
 * before it and put back just after, where the stream limit is raised too.
 */
@ApplicationScoped
class LargeRequestBodies {

    private static final String MAX_REQUEST_SIZE = "io.quarkus.max-request-size";
    private static final String SET_ASIDE = "stoa.content-length";
    private static final List<String> STREAMING_ROUTES = List.of(
            "^/api/lfs/uploads/.*",
            "^/(?:datasets/)?[^/]+/[^/]+/git-receive-pack$",
            "^/api/(?:models|datasets)/[^/]+/[^/]+/commit/.*");

    void register(@Observes Router router) {
        for (String paths : STREAMING_ROUTES) {
            router.routeWithRegex(paths).order(-3).handler(LargeRequestBodies::setAside);
            router.routeWithRegex(paths).order(-1).handler(LargeRequestBodies::raise);
        }
    }

    private static void setAside(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            context.put(SET_ASIDE, length);
            context.request().headers().remove(HttpHeaders.CONTENT_LENGTH);
        }
        context.next();
    }

    private static void raise(RoutingContext context) {
        String length = context.get(SET_ASIDE);
        if (length != null) {
            context.request().headers().set(HttpHeaders.CONTENT_LENGTH, length);
        }
        context.put(MAX_REQUEST_SIZE, Long.MAX_VALUE);
        context.next();
    }
}
