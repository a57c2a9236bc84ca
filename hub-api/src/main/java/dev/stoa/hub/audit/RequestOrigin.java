package dev.stoa.hub.audit;

import dev.stoa.hub.event.EventOrigin;
import dev.stoa.hub.identity.Caller;
import io.quarkus.arc.Arc;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * Who made the current change and from where, read from the HTTP request being served (none for work Stoa does on
 * its own, such as check runs). {@code X-Forwarded-For} is believed only when {@code stoa.audit.trust-forwarded-for}
 * is true, i.e. when Stoa runs behind a proxy that sets it; otherwise anyone could write any address into the trail.
 */
@ApplicationScoped
public class RequestOrigin implements EventOrigin {

    private final Instance<CurrentVertxRequest> requests;
    private final Instance<CurrentIdentityAssociation> identities;
    private final boolean trustForwardedFor;

    RequestOrigin(Instance<CurrentVertxRequest> requests, Instance<CurrentIdentityAssociation> identities,
                  @ConfigProperty(name = "stoa.audit.trust-forwarded-for", defaultValue = "false") boolean trustForwardedFor) {
        this.requests = requests;
        this.identities = identities;
        this.trustForwardedFor = trustForwardedFor;
    }

    /** The authenticated caller of the request being served, empty outside a request or for an anonymous one. */
    public Optional<Caller> caller() {
        if (!inRequest()) {
            return Optional.empty();
        }
        try {
            return Caller.of(identities.get().getIdentity());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Who is making the change being made now, and from where, for the events it writes. */
    @Override
    public Origin current() {
        Optional<Caller> caller = caller();
        return new Origin(caller.map(Caller::accountId), caller.map(Caller::name), clientAddress());
    }

    /** The client's address, empty outside a request. */
    Optional<String> clientAddress() {
        if (!inRequest()) {
            return Optional.empty();
        }
        RoutingContext context = requests.get().getCurrent();
        if (context == null) {
            return Optional.empty();
        }
        HttpServerRequest request = context.request();
        if (trustForwardedFor) {
            String forwarded = request.getHeader("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                // The first entry is the original client; the proxies append theirs after it.
                String first = forwarded.split(",")[0].trim();
                return Optional.of(first.length() > 64 ? first.substring(0, 64) : first);
            }
        }
        return request.remoteAddress() == null ? Optional.empty() : Optional.of(request.remoteAddress().hostAddress());
    }

    private static boolean inRequest() {
        return Arc.container() != null && Arc.container().requestContext().isActive();
    }
}
