package dev.stoa.hub.event;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Delivers the events a request committed before its answer goes out, on the request's own thread: a client that
 * committed sees the check runs, metadata and audit records of its commit at once, as it would if the features
 * called each other. A delivery that fails here is not the request's failure: the dispatcher retries it.
 */
@Provider
public class RequestEventDelivery implements ContainerRequestFilter, ContainerResponseFilter {

    private final EventDispatcher dispatcher;

    public RequestEventDelivery(EventDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        dispatcher.openRequestScope();
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        dispatcher.deliverRequestScope();
    }
}
