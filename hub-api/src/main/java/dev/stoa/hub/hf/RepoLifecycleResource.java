package dev.stoa.hub.hf;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.identity.AccountView;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.identity.OrganizationService;
import dev.stoa.hub.ops.BaseUrl;
import dev.stoa.hub.repo.RepoAccess;
import dev.stoa.hub.repo.RepoCreation;
import dev.stoa.hub.repo.RepoId;
import dev.stoa.hub.repo.RepoService;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.RepoView;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Locale;
import java.util.Optional;

/** {@code POST /api/repos/create} and {@code DELETE /api/repos/delete}, as the Hugging Face clients call them. */
@Path("/api/repos")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RepoLifecycleResource {

    private final RepoService repos;
    private final RepoAccess access;
    private final RepoCreation creation;
    private final SecurityIdentity identity;
    private final BaseUrl baseUrl;
    private final OrganizationService organizations;

    public RepoLifecycleResource(RepoService repos, RepoAccess access, RepoCreation creation, SecurityIdentity identity,
                                 BaseUrl baseUrl, OrganizationService organizations) {
        this.organizations = organizations;
        this.repos = repos;
        this.access = access;
        this.creation = creation;
        this.identity = identity;
        this.baseUrl = baseUrl;
    }

    /** {@code private} comes from clients up to huggingface_hub 1.7, {@code visibility} from later ones. */
    public record CreateRequest(String name, String organization, String type,
                                @JsonProperty("private") Boolean isPrivate, String visibility) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Created(String url, String name, String error) {
    }

    public record DeleteRequest(String name, String organization, String type) {
    }

    @POST
    @Path("/create")
    public Response create(CreateRequest request) {
        Caller caller = Caller.required(identity);
        CreateRequest body = request != null ? request : new CreateRequest(null, null, null, null, null);
        RepoType type = RepoType.fromSingular("type", body.type());
        RepoId id = idOf(caller, type, body.name(), body.organization());
        Optional<Boolean> requested = isPrivate(body);
        AccountView owner = access.requireWritableNamespace(caller, id.namespace());
        boolean isPrivate = requested.orElseGet(() -> organizations.newRepositoriesPrivate(owner.id()));
        String url = url(new RepoId(type, owner.name(), id.name()));
        try {
            RepoView created = creation.create(caller, owner, type, id.name(), isPrivate);
            return Response.ok(new Created(url(created.repoId()), created.repoId().id(), null)).build();
        } catch (ApiException e) {
            if (!"RepoExists".equals(e.code())) {
                throw e;
            }
            // huggingface_hub's create_repo(exist_ok=True) reads the url from the 409's body.
            return Response.status(409).header("X-Error-Code", e.code()).header("X-Error-Message", e.getMessage())
                    .entity(new Created(url, id.namespace() + "/" + id.name(), e.getMessage())).build();
        }
    }

    @DELETE
    @Path("/delete")
    public Response delete(DeleteRequest request) {
        Caller caller = Caller.required(identity);
        DeleteRequest body = request != null ? request : new DeleteRequest(null, null, null);
        RepoId id = idOf(caller, RepoType.fromSingular("type", body.type()), body.name(), body.organization());
        RepoView repo = access.requireAdministrable(id, Optional.of(caller));
        repos.delete(repo);
        return Response.ok().build();
    }

    private String url(RepoId id) {
        return baseUrl.link("/" + id.urlPath());
    }

    /** The name may be {@code name} with the organisation apart, or {@code ns/name}; no namespace means the caller's. */
    static RepoId idOf(Caller caller, RepoType type, String name, String organization) {
        if (name == null || name.isBlank()) {
            throw ApiException.invalidField("name", "A repository name is required.");
        }
        if (name.contains("/")) {
            return RepoId.parse(type, "name", name);
        }
        return new RepoId(type, organization == null || organization.isBlank() ? caller.name() : organization, name);
    }

    /** The visibility the creator asked for; empty means the owner's default (public, or the organisation's setting). */
    private static Optional<Boolean> isPrivate(CreateRequest body) {
        if (body.visibility() != null) {
            return Optional.of(switch (body.visibility().toLowerCase(Locale.ROOT)) {
                case "private" -> true;
                case "public" -> false;
                default -> throw ApiException.invalidField("visibility", "'" + body.visibility()
                        + "' is not a visibility; use 'public' or 'private'.");
            });
        }
        return Optional.ofNullable(body.isPrivate());
    }
}
