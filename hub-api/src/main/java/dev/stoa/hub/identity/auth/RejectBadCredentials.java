package dev.stoa.hub.identity.auth;

import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.error.ErrorRenderer;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A request that sends credentials gets them checked even where anonymous access would do: a revoked
 * or mistyped token is a 401, never a silent downgrade to anonymous (the HF client relies on that).
 */
public class RejectBadCredentials {

    private final CurrentIdentityAssociation identities;
    private final ErrorRenderer errors;

    public RejectBadCredentials(CurrentIdentityAssociation identities, ErrorRenderer errors) {
        this.identities = identities;
        this.errors = errors;
    }

    @ServerRequestFilter
    public Uni<Response> check(ContainerRequestContext request) {
        if (request.getHeaderString(HttpHeaders.AUTHORIZATION) == null) {
            return Uni.createFrom().nullItem();
        }
        String path = request.getUriInfo().getPath();
        return identities.getDeferredIdentity()
                .onItemOrFailure().transform((identity, failure) -> failure == null
                        ? null
                        : errors.render(path, refusalFor(failure)));
    }

    /** A credential that was valid but refused for a reason of its own (e.g. a single sign-on name clash) says why. */
    private static ApiException refusalFor(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiException refusal) {
                return refusal;
            }
        }
        return ApiException.invalidCredentials();
    }
}
