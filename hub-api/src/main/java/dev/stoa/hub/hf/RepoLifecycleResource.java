package dev.stoa.hub.hf;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.stoa.hub.access.RepoAccess;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.identity.AccountView;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.identity.OrganizationService;
import dev.stoa.hub.ops.BaseUrl;
import dev.stoa.hub.repo.FileOperation;
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

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** {@code POST /api/repos/create} and {@code DELETE /api/repos/delete}, as the Hugging Face clients call them. */
@Path("/api/repos")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RepoLifecycleResource {

    private static final Pattern LICENSE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.+-]{0,63}");

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

    /**
     * {@code private} comes from clients up to huggingface_hub 1.7, {@code visibility} from later ones; {@code files}
     * and {@code license} from huggingface.js's {@code createRepo}, for a first commit with content.
     */
    public record CreateRequest(String name, String organization, String type,
                                @JsonProperty("private") Boolean isPrivate, String visibility,
                                List<InitialFile> files, String license) {
    }

    /** A file of the first commit: base64 content, as in a commit's {@code file} line. */
    public record InitialFile(String path, String content, String encoding) {
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
        CreateRequest body = request != null ? request : new CreateRequest(null, null, null, null, null, null, null);
        RepoType type = RepoType.fromSingular("type", body.type());
        RepoId id = idOf(caller, type, body.name(), body.organization());
        Optional<Boolean> requested = isPrivate(body);
        AccountView owner = access.requireWritableNamespace(caller, id.namespace());
        List<FileOperation.PutFile> files = initialFiles(body);
        boolean isPrivate = requested.orElseGet(() -> organizations.newRepositoriesPrivate(owner.id()));
        String url = url(new RepoId(type, owner.name(), id.name()));
        try {
            RepoView created = creation.create(caller, owner, type, id.name(), isPrivate, files);
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

    /** The first commit's files; a {@code license} alone becomes a card that names it, as the portal writes it. */
    private static List<FileOperation.PutFile> initialFiles(CreateRequest body) {
        List<FileOperation.PutFile> files = new ArrayList<>();
        List<InitialFile> given = body.files() == null ? List.of() : body.files();
        for (int i = 0; i < given.size(); i++) {
            InitialFile file = given.get(i);
            String field = "files[" + i + "]";
            if (file == null || file.path() == null || file.path().isBlank()) {
                throw ApiException.invalidField(field + ".path", "Each file needs a path, such as 'README.md'.");
            }
            if (file.encoding() != null && !file.encoding().equalsIgnoreCase("base64")) {
                throw ApiException.invalidField(field + ".encoding", "'" + file.encoding()
                        + "' is not an encoding Stoa reads: send the content base64-encoded with encoding 'base64'.");
            }
            try {
                files.add(new FileOperation.PutFile(file.path(), Base64.getDecoder().decode(file.content() == null ? "" : file.content())));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidField(field + ".content", "The content of '" + file.path() + "' is not valid base64.");
            }
        }
        if (body.license() != null && !body.license().isBlank()) {
            if (!LICENSE.matcher(body.license()).matches()) {
                throw ApiException.invalidField("license", "'" + body.license() + "' is not a licence id; use one such as"
                        + " 'apache-2.0', 'mit' or 'other'.");
            }
            if (files.stream().anyMatch(file -> file.path().equals("README.md"))) {
                throw ApiException.invalidField("license", "Name the licence in the front matter of the README.md you send,"
                        + " or leave README.md out and Stoa writes one that names it.");
            }
            files.add(new FileOperation.PutFile("README.md", ("---\nlicense: " + body.license() + "\n---\n")
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return files;
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
