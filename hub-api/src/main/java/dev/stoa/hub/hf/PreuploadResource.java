package dev.stoa.hub.hf;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.stoa.hub.access.RepoAccess;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.repo.RepoId;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.RepoView;
import dev.stoa.hub.repo.UploadModes;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /api/{type}s/{ns}/{name}/preupload/{revision}}: before a commit, huggingface_hub asks how each
 * file travels (LFS or inline), which ones {@code .gitignore} excludes, and what the path holds already.
 */
@Path("/api/{type: models|datasets}/{ns}/{name}/preupload/{revision: .+}")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class PreuploadResource {

    private final RepoAccess access;
    private final UploadModes modes;
    private final SecurityIdentity identity;

    public PreuploadResource(RepoAccess access, UploadModes modes, SecurityIdentity identity) {
        this.access = access;
        this.modes = modes;
        this.identity = identity;
    }

    /** {@code sample}: base64 of the file's first 512 bytes. */
    public record FileToUpload(String path, String sample, Long size) {
    }

    public record PreuploadRequest(List<FileToUpload> files, String gitIgnore) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FileMode(String path, String uploadMode, boolean shouldIgnore, String oid) {
    }

    public record PreuploadAnswer(List<FileMode> files) {
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public PreuploadAnswer preupload(@PathParam("type") String type, @PathParam("ns") String namespace,
                                     @PathParam("name") String name, @PathParam("revision") String revision, PreuploadRequest body) {
        RepoView repo = access.requireWritable(new RepoId(RepoType.fromPlural(type), namespace, name), Caller.of(identity));
        if (body == null || body.files() == null) {
            throw ApiException.invalidField("files", "Send {\"files\": [{\"path\", \"sample\", \"size\"}]}, one entry per file to upload.");
        }
        List<UploadModes.FileProbe> probes = new ArrayList<>(body.files().size());
        for (FileToUpload file : body.files()) {
            if (file == null || file.path() == null || file.path().isEmpty()) {
                throw ApiException.invalidField("path", "Every file needs a \"path\".");
            }
            if (file.size() == null) {
                throw ApiException.invalidField("size", "'" + file.path() + "' has no \"size\"; send its size in bytes.");
            }
            probes.add(new UploadModes.FileProbe(file.path(), sample(file), file.size()));
        }
        return new PreuploadAnswer(modes.decide(repo, revision, probes, Optional.ofNullable(body.gitIgnore())).stream()
                .map(m -> new FileMode(m.path(), m.lfs() ? "lfs" : "regular", m.shouldIgnore(), m.oid().orElse(null)))
                .toList());
    }

    private static byte[] sample(FileToUpload file) {
        if (file.sample() == null) {
            return new byte[0];
        }
        try {
            return Base64.getDecoder().decode(file.sample());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("sample", "The sample of '" + file.path()
                    + "' is not valid base64; send the base64 of the file's first 512 bytes.");
        }
    }
}
