package dev.stoa.hub.hf;

import dev.stoa.hub.access.RepoAccess;
import dev.stoa.hub.audit.GatedDownloads;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.error.ErrorRenderer;
import dev.stoa.hub.files.ByteRange;
import dev.stoa.hub.files.FileDownloads;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.repo.RawRepoPath;
import dev.stoa.hub.repo.RepoId;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.RepoView;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * {@code HEAD|GET /{ns}/{name}/resolve/{rev}/{path}} and {@code /datasets/...}: file downloads as
 * huggingface_hub, transformers and vLLM fetch them. The revision is one (percent-encoded) segment, the path
 * keeps its slashes. LFS files redirect to a presigned object-store URL where the store can sign, with all
 * headers on the 302 itself; everything else is streamed, with single byte ranges.
 */
@Path("/")
@Blocking
public class ResolveResource {

    private final RepoAccess access;
    private final FileDownloads downloads;
    private final SecurityIdentity identity;
    private final GatedDownloads gatedDownloads;

    public ResolveResource(RepoAccess access, FileDownloads downloads, SecurityIdentity identity,
                           GatedDownloads gatedDownloads) {
        this.gatedDownloads = gatedDownloads;
        this.access = access;
        this.downloads = downloads;
        this.identity = identity;
    }

    @HEAD
    @Path(RepoType.ROUTE + "/resolve/{rest: .+}")
    public Response head(@PathParam("kind") String kind, @PathParam("ns") String namespace, @PathParam("name") String name,
                         @Context HttpServerRequest request) {
        return answer(new RepoId(RepoType.ofRoute(kind), namespace, name), request, false, null);
    }

    @GET
    @Path(RepoType.ROUTE + "/resolve/{rest: .+}")
    public Response get(@PathParam("kind") String kind, @PathParam("ns") String namespace, @PathParam("name") String name,
                        @HeaderParam("Range") String range, @Context HttpServerRequest request) {
        return answer(new RepoId(RepoType.ofRoute(kind), namespace, name), request, true, range);
    }

    private Response answer(RepoId id, HttpServerRequest request, boolean withBody, String rangeHeader) {
        List<String> prefix = id.type() == RepoType.dataset ? List.of("datasets") : List.of();
        RawRepoPath target = RawRepoPath.parse(request.path(), prefix, id, "resolve");
        // Gated repositories refuse before the revision and path are looked up, as the Hub does.
        RepoView repo = access.requireDownloadable(id, Caller.of(identity), target.path());
        if (repo.disabled()) {
            throw new ApiException(403, ErrorRenderer.DISABLED_CODE, ErrorRenderer.DISABLED_MESSAGE);
        }
        FileDownloads.Target file = downloads.locate(repo, target.revision(), target.path());
        ByteRange range = withBody ? ByteRange.of(rangeHeader, file.size()) : ByteRange.of(null, file.size());
        if (withBody) {
            gatedDownloads.downloaded(repo, Caller.of(identity), target.path());
        }

        Optional<URI> link = downloads.presignedLink(file);
        if (link.isPresent()) {
            if (withBody) {
                downloads.countIfDownload(file, range);
            }
            // The client reads commit, ETag and size from the 302 itself; the store answers the range.
            return DownloadHeaders.apply(Response.status(Response.Status.FOUND), file).location(link.get()).build();
        }
        if (!withBody) {
            return DownloadHeaders.apply(Response.ok(), file).header("Content-Length", Long.toString(file.size())).build();
        }
        return switch (range.kind()) {
            case UNSATISFIABLE -> DownloadHeaders.apply(Response.status(416), file)
                    .header("Content-Range", "bytes */" + file.size())
                    .header("Content-Length", "0")
                    .build();
            case PARTIAL -> {
                downloads.countIfDownload(file, range);
                yield DownloadHeaders.apply(Response.status(206), file)
                        .header("Content-Range", range.contentRange(file.size()))
                        .header("Content-Length", Long.toString(range.length()))
                        .entity(stream(file, range))
                        .build();
            }
            case WHOLE -> {
                downloads.countIfDownload(file, range);
                yield DownloadHeaders.apply(Response.ok(), file)
                        .header("Content-Length", Long.toString(file.size()))
                        .entity(stream(file, range))
                        .build();
            }
        };
    }

    private StreamingOutput stream(FileDownloads.Target file, ByteRange range) {
        return out -> {
            if (range.length() == 0) {
                return;
            }
            try (InputStream in = downloads.open(file, range)) {
                dev.stoa.hub.ops.Streams.copy(in, out);
            }
        };
    }
}
