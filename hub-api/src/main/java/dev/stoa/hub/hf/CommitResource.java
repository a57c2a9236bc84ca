package dev.stoa.hub.hf;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.stoa.hub.access.RepoAccess;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.ops.BaseUrl;
import dev.stoa.hub.repo.CommitResult;
import dev.stoa.hub.repo.CommitService;
import dev.stoa.hub.repo.RepoId;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.RepoView;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.io.InputStream;
import java.util.Optional;

/** {@code POST /api/{type}s/{ns}/{name}/commit/{revision}}: huggingface_hub's create_commit, one NDJSON stream. */
@Path("/api/{type: models|datasets}/{ns}/{name}/commit/{revision: .+}")
@Blocking
public class CommitResource {

    private final RepoAccess access;
    private final CommitService commits;
    private final NdjsonCommitReader reader;
    private final SecurityIdentity identity;
    private final BaseUrl baseUrl;

    public CommitResource(RepoAccess access, CommitService commits, NdjsonCommitReader reader, SecurityIdentity identity,
                          BaseUrl baseUrl) {
        this.access = access;
        this.commits = commits;
        this.reader = reader;
        this.identity = identity;
        this.baseUrl = baseUrl;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Committed(String commitUrl, String commitOid, String pullRequestUrl, boolean success) {
    }

    @POST
    @Consumes({"application/x-ndjson", MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM, MediaType.WILDCARD})
    @Produces(MediaType.APPLICATION_JSON)
    public Committed commit(@PathParam("type") String type, @PathParam("ns") String namespace, @PathParam("name") String name,
                            @PathParam("revision") String revision, @QueryParam("create_pr") String createPr, InputStream body) {
        RepoId id = new RepoId(RepoType.fromPlural(type), namespace, name);
        Optional<Caller> caller = Caller.of(identity);
        RepoView repo = access.requireWritable(id, caller);
        CommitResult result = commits.commit(repo, caller.orElseThrow(), reader.read(body, revision, QueryFlags.isTrue(createPr)));
        String base = baseUrl.link("/" + repo.repoId().urlPath());
        return new Committed(base + "/commit/" + result.commitOid(), result.commitOid(),
                result.pullRequestId().map(n -> base + "/discussions/" + n).orElse(null), true);
    }
}
