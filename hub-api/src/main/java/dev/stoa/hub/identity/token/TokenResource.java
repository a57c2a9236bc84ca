package dev.stoa.hub.identity.token;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.identity.TokenScope;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The caller's personal access tokens. */
@Path("/api/v1/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tokens")
public class TokenResource {

    private final TokenService tokens;
    private final SecurityIdentity identity;

    public TokenResource(TokenService tokens, SecurityIdentity identity) {
        this.tokens = tokens;
        this.identity = identity;
    }

    /**
     * What to create: a name, a scope, an optional expiry (ISO-8601 instant) and optionally a restriction:
     * {@code repositories} ({@code ns/name}, {@code datasets/ns/name}) or one {@code organization}.
     */
    public record NewToken(String name, TokenScope scope, Instant expiresAt, List<String> repositories,
                           String organization) {
    }

    /** A created token: the listing fields plus the secret, shown only in this response. */
    public record Created(UUID id, String name, String prefix, TokenScope scope, Instant createdAt, Instant expiresAt,
                          @JsonInclude(JsonInclude.Include.NON_NULL) List<String> repositories,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String organization, String token) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an access token", description = "The secret is in this response only; Stoa keeps a hash."
            + " Optionally limited to 'repositories' the caller may read, or to one 'organization' the caller belongs to."
            + " Needs a session, a password or an unrestricted token with the write scope.")
    public Response create(NewToken request) {
        NewToken body = request != null ? request : new NewToken(null, null, null, null, null);
        TokenService.CreatedToken created = tokens.create(Caller.required(identity), new TokenService.TokenRequest(
                body.name(), body.scope(), body.expiresAt(), body.repositories(), body.organization()));
        TokenService.TokenView t = created.token();
        return Response.status(Response.Status.CREATED)
                .entity(new Created(t.id(), t.name(), t.prefix(), t.scope(), t.createdAt(), t.expiresAt(), t.repositories(),
                        t.organization(), created.secret()))
                .build();
    }

    @GET
    @Operation(summary = "List your access tokens", description = "Revoked tokens are not listed; secrets never are.")
    public List<TokenService.TokenView> list() {
        return tokens.list(Caller.required(identity));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke an access token")
    public Response revoke(@PathParam("id") String id) {
        tokens.revoke(Caller.required(identity), id);
        return Response.noContent().build();
    }
}
