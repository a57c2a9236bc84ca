package dev.stoa.hub.identity.auth;

import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.error.ErrorRenderer;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Applies the {@link AuthenticationThrottle} to every route family: a request that brought credentials
 * (an {@code Authorization} header, or the portal's sign-in form) and was answered {@code 401} counts as a
 * failed attempt; once a client is over the limit, its requests with credentials get {@code 429} and
 * {@code Retry-After} before the credentials are even looked at. Requests without credentials are never
 * refused, so anonymous browsing from the same address keeps working.
 */
public class ThrottleFailedAuthentication {

    private final AuthenticationThrottle throttle;
    private final ErrorRenderer errors;

    public ThrottleFailedAuthentication(AuthenticationThrottle throttle, ErrorRenderer errors) {
        this.throttle = throttle;
        this.errors = errors;
    }

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION - 100)
    public Optional<Response> refuseThrottled(ContainerRequestContext request, HttpServerRequest http) {
        if (!bringsCredentials(request)) {
            return Optional.empty();
        }
        OptionalLong retryAfter = throttle.retryAfterSeconds(client(http));
        if (retryAfter.isEmpty()) {
            return Optional.empty();
        }
        ApiException refusal = new ApiException(429, "TooManyFailedAuthentications",
                "Too many failed sign-in attempts from your address. Wait " + retryAfter.getAsLong()
                        + " seconds, then try again with a valid token or password.")
                .withHeader(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter.getAsLong()));
        return Optional.of(errors.render(request.getUriInfo().getPath(), refusal));
    }

    @ServerResponseFilter
    public void countFailure(ContainerRequestContext request, ContainerResponseContext response, HttpServerRequest http) {
        if (response.getStatus() == 401 && bringsCredentials(request)) {
            throttle.recordFailure(client(http));
        }
    }

    private static boolean bringsCredentials(ContainerRequestContext request) {
        return request.getHeaderString(HttpHeaders.AUTHORIZATION) != null
                || HttpMethod.POST.equals(request.getMethod()) && "/login".equals(request.getUriInfo().getPath());
    }

    /** The client's address; behind a proxy, Quarkus puts the forwarded address here when told to trust it. */
    private static String client(HttpServerRequest http) {
        return http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
    }
}
