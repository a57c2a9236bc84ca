package dev.stoa.hub.githttp;

import dev.stoa.hub.access.RepoAccess;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.error.ApiFamily;
import dev.stoa.hub.error.ErrorRenderer;
import dev.stoa.hub.git.GitRepositories;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.repo.RepoId;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.RepoView;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.RefAdvertiser.PacketLineOutRefAdvertiser;
import org.eclipse.jgit.transport.ServiceMayNotContinueException;
import org.eclipse.jgit.transport.UploadPack;
import org.jboss.logging.Logger;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * git's smart HTTP protocol (v0, and v2 for fetches) for models and datasets, with and without {@code .git}:
 * {@code GET <repo>/info/refs?service=git-upload-pack|git-receive-pack}, {@code POST <repo>/git-upload-pack}
 * and {@code POST <repo>/git-receive-pack}. Only these exact sub-paths of a repository are git's, so the
 * portal keeps {@code /{ns}/{name}} and everything else below it.
 *
 * <p>Pack data streams between the request, JGit and the response; nothing is held whole in memory. Access is
 * decided before any git data is sent: fetching needs {@link RepoAccess#requireFetchable}, pushing (already its
 * ref advertisement, so that git asks for credentials before it sends a pack) {@link RepoAccess#requireWritable}.
 */
@Path("/")
@Blocking
public class GitHttpResource {

    static final String UPLOAD_PACK = "git-upload-pack";
    static final String RECEIVE_PACK = "git-receive-pack";
    private static final Logger LOG = Logger.getLogger(GitHttpResource.class);
    private static final int GZIP_BUFFER = 64 * 1024;

    private final RepoAccess access;
    private final GitRepositories git;
    private final GitPushes pushes;
    private final ErrorRenderer errors;
    private final SecurityIdentity identity;

    public GitHttpResource(RepoAccess access, GitRepositories git, GitPushes pushes, ErrorRenderer errors,
                           SecurityIdentity identity) {
        this.access = access;
        this.git = git;
        this.pushes = pushes;
        this.errors = errors;
        this.identity = identity;
    }

    @GET
    @Path(RepoType.ROUTE + "/info/refs")
    public Response infoRefs(@PathParam("kind") String kind, @PathParam("ns") String ns, @PathParam("name") String name,
                         @QueryParam("service") String service, @HeaderParam("Git-Protocol") String protocol) {
        return refs(RepoType.ofRoute(kind), ns, name, service, protocol);
    }

    @POST
    @Path(RepoType.ROUTE + "/" + UPLOAD_PACK)
    public Response gitUploadPack(@PathParam("kind") String kind, @PathParam("ns") String ns, @PathParam("name") String name,
                               @HeaderParam("Content-Encoding") String encoding,
                               @HeaderParam("Git-Protocol") String protocol, InputStream body) {
        return uploadPack(RepoType.ofRoute(kind), ns, name, encoding, protocol, body);
    }

    @POST
    @Path(RepoType.ROUTE + "/" + RECEIVE_PACK)
    public Response gitReceivePack(@PathParam("kind") String kind, @PathParam("ns") String ns, @PathParam("name") String name,
                                @HeaderParam("Content-Encoding") String encoding, InputStream body) {
        return receivePack(RepoType.ofRoute(kind), ns, name, encoding, body);
    }

    private Response refs(RepoType type, String ns, String name, String service, String protocol) {
        RepoId id = repoId(type, ns, name);
        try {
            if (!UPLOAD_PACK.equals(service) && !RECEIVE_PACK.equals(service)) {
                throw ApiException.badRequest("Stoa speaks git's smart HTTP protocol only: request info/refs with"
                        + " ?service=git-upload-pack or ?service=git-receive-pack (any git since 1.6.6 does).");
            }
            Optional<Caller> caller = Caller.of(identity);
            RepoView repo = UPLOAD_PACK.equals(service) ? access.requireFetchable(id, caller) : access.requireWritable(id, caller);
            // The advertisement is small (one line per ref): built whole, so a failure still gets a proper status.
            ByteArrayOutputStream advertisement = new ByteArrayOutputStream();
            try (Repository repository = git.open(repo.id())) {
                PacketLineOut out = new PacketLineOut(advertisement);
                if (UPLOAD_PACK.equals(service)) {
                    UploadPack upload = new UploadPack(repository);
                    upload.setBiDirectionalPipe(false);
                    protocol(upload, protocol);
                    // Writes "# service=..." itself for protocol v0, and the v2 capabilities otherwise.
                    upload.sendAdvertisedRefs(new PacketLineOutRefAdvertiser(out), service);
                } else {
                    out.writeString("# service=" + service + "\n");
                    out.end();
                    ReceivePack receive = pushes.receivePack(repository, repo, caller.orElseThrow());
                    receive.setBiDirectionalPipe(false);
                    receive.sendAdvertisedRefs(new PacketLineOutRefAdvertiser(out));
                }
            } catch (ServiceMayNotContinueException e) {
                throw new ApiException(e.getStatusCode(), "GitRefused", e.getMessage());
            } catch (IOException e) {
                throw new IllegalStateException("Advertising the refs of " + id + " failed", e);
            }
            return noCache(Response.ok(advertisement.toByteArray(), "application/x-" + service + "-advertisement"));
        } catch (ApiException e) {
            return refusal(id, "info/refs", e);
        }
    }

    private Response uploadPack(RepoType type, String ns, String name, String encoding, String protocol, InputStream body) {
        RepoId id = repoId(type, ns, name);
        RepoView repo;
        try {
            repo = access.requireFetchable(id, Caller.of(identity));
        } catch (ApiException e) {
            return refusal(id, UPLOAD_PACK, e);
        }
        StreamingOutput result = out -> {
            try (Repository repository = git.open(repo.id()); InputStream in = decoded(body, encoding)) {
                UploadPack upload = new UploadPack(repository);
                upload.setBiDirectionalPipe(false);
                protocol(upload, protocol);
                upload.upload(in, out, null);
            } catch (IOException | RuntimeException e) {
                // The status is sent; git reports the broken stream (and reads any error JGit wrote in-band).
                LOG.warnf(e, "git fetch from %s failed", id);
                throw e;
            }
        };
        return noCache(Response.ok(result, "application/x-git-upload-pack-result"));
    }

    private Response receivePack(RepoType type, String ns, String name, String encoding, InputStream body) {
        RepoId id = repoId(type, ns, name);
        RepoView repo;
        Caller caller;
        try {
            Optional<Caller> maybe = Caller.of(identity);
            repo = access.requireWritable(id, maybe);
            caller = maybe.orElseThrow();
        } catch (ApiException e) {
            return refusal(id, RECEIVE_PACK, e);
        }
        StreamingOutput result = out -> {
            try (Repository repository = git.open(repo.id()); InputStream in = decoded(body, encoding)) {
                ReceivePack receive = pushes.receivePack(repository, repo, caller);
                receive.setBiDirectionalPipe(false);
                receive.receive(in, out, null);
            } catch (IOException | RuntimeException e) {
                LOG.warnf(e, "git push to %s failed", id);
                throw e;
            }
        };
        return noCache(Response.ok(result, "application/x-git-receive-pack-result"));
    }

    /** {@code name} may carry git's {@code .git} suffix; repository names never end in it. */
    private static RepoId repoId(RepoType type, String ns, String name) {
        String bare = name.endsWith(".git") ? name.substring(0, name.length() - ".git".length()) : name;
        return new RepoId(type, ns, bare);
    }

    /** The request's {@code Git-Protocol} header ({@code version=2}) switches JGit to protocol v2. */
    private static void protocol(UploadPack upload, String protocol) {
        if (protocol != null && !protocol.isBlank()) {
            upload.setExtraParameters(Arrays.asList(protocol.split(":")));
        }
    }

    /** git compresses larger upload-pack requests (its list of haves) with gzip. */
    private static InputStream decoded(InputStream body, String encoding) throws IOException {
        if (encoding == null || encoding.isBlank() || encoding.equalsIgnoreCase("identity")) {
            return body;
        }
        if (encoding.equalsIgnoreCase("gzip") || encoding.equalsIgnoreCase("x-gzip")) {
            return new GZIPInputStream(body, GZIP_BUFFER);
        }
        throw new IOException("Unsupported Content-Encoding " + encoding);
    }

    private static Response noCache(Response.ResponseBuilder response) {
        return response.header("Cache-Control", "no-cache, max-age=0, must-revalidate")
                .header("Pragma", "no-cache")
                .header("Expires", "Fri, 01 Jan 1980 00:00:00 GMT")
                .build();
    }

    /**
     * A refusal with the HF error headers, but a text/plain body: git prints such a body to the user as
     * {@code remote: ...} lines, and ignores any other.
     */
    private Response refusal(RepoId id, String subPath, ApiException error) {
        Response rendered = errors.render(ApiFamily.HF, "/" + id.urlPath() + "/" + subPath, error);
        return Response.fromResponse(rendered).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                .entity(error.getMessage() + "\n").build();
    }
}
