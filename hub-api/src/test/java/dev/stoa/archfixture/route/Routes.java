package dev.stoa.archfixture.route;

import dev.stoa.hub.identity.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** Two routes for the route authorization test: one that forgets its check, one that asks for a caller in a helper. */
@Path("/fixture")
public class Routes {

    SecurityIdentity identity;

    @GET
    @Path("/open")
    public String forgetsItsCheck() {
        return "anyone";
    }

    @GET
    @Path("/guarded")
    public String asksForACaller() {
        return java.util.Optional.of(identity).map(i -> who()).orElseThrow();
    }

    private String who() {
        return Caller.required(identity).name();
    }
}
