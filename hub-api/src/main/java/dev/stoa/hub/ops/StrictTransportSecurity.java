package dev.stoa.hub.ops;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * HTTP Strict Transport Security: where users reach Stoa over https (see {@link BaseUrl}), every answer tells the
 * browser to use https only for a year, so no later visit, link or typed address goes out in clear text with a
 * session cookie. Subdomains are left alone: they may be other services.
 */
@ApplicationScoped
public class StrictTransportSecurity {

    public static final String HEADER = "Strict-Transport-Security";
    public static final String VALUE = "max-age=31536000";

    private final BaseUrl baseUrl;

    StrictTransportSecurity(BaseUrl baseUrl) {
        this.baseUrl = baseUrl;
    }

    void register(@Observes Filters filters) {
        filters.register(this::addPolicy, 950);
    }

    private void addPolicy(RoutingContext context) {
        if (baseUrl.forRequest(context.request()).startsWith("https://")) {
            context.response().putHeader(HEADER, VALUE);
        }
        context.next();
    }
}
