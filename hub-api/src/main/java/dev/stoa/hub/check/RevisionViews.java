package dev.stoa.hub.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stoa.hub.card.RepoMetadataService;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.files.ByteRange;
import dev.stoa.hub.files.FileDownloads;
import dev.stoa.hub.files.OpenRevision;
import dev.stoa.hub.files.RepoEntry;
import dev.stoa.hub.files.RepoRevisions;
import dev.stoa.hub.files.RepoTreeReader;
import dev.stoa.hub.repo.Refs;
import dev.stoa.hub.repo.RepoId;
import dev.stoa.hub.repo.RepoMetadata;
import dev.stoa.hub.repo.RepoService;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.RepoView;
import dev.stoa.hub.storage.Sha256;
import dev.stoa.spi.Revision;
import dev.stoa.spi.RevisionFile;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the {@link Revision} views plugins read: a repository's commit through the git and blob services that
 * serve downloads (LFS files streamed and ranged from the blob store, regular files from git), its card
 * metadata and model tree from the card service.
 */
@ApplicationScoped
public class RevisionViews {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RepoService repos;
    private final RepoRevisions revisions;
    private final RepoTreeReader tree;
    private final FileDownloads downloads;
    private final RepoMetadataService metadata;

    public RevisionViews(RepoService repos, RepoRevisions revisions, RepoTreeReader tree, FileDownloads downloads,
                         RepoMetadataService metadata) {
        this.repos = repos;
        this.revisions = revisions;
        this.tree = tree;
        this.downloads = downloads;
        this.metadata = metadata;
    }

    /** The revision at {@code commit} of the repository; empty when the repository is gone. */
    public Optional<Revision> of(long repoId, String commit) {
        return repos.findById(repoId).map(repo -> of(repo, commit));
    }

    /** The revision at {@code commit} of a repository the caller has already looked up. */
    public Revision of(RepoView repo, String commit) {
        return new HostRevision(this, repo, commit);
    }

    RepoMetadata metadata(RepoView repo, String commit) {
        try (OpenRevision at = revisions.open(repo, commit)) {
            return metadata.at(repo, at.git(), at.commit());
        }
    }

    List<RevisionFile> files(RepoView repo, String commit) {
        try (OpenRevision at = revisions.open(repo, commit)) {
            List<RevisionFile> files = new ArrayList<>();
            for (RepoEntry entry : tree.list(at, "", true, 0, Integer.MAX_VALUE - 1).entries()) {
                if (!entry.isFile()) {
                    continue;
                }
                String sha256 = entry.lfs().isPresent() ? entry.lfs().get().sha256() : sha256(at.git(), entry.oid());
                files.add(new RevisionFile(entry.path(), entry.size(), sha256, entry.lfs().isPresent()));
            }
            files.sort(java.util.Comparator.comparing(RevisionFile::path));
            return List.copyOf(files);
        }
    }

    InputStream open(RepoView repo, String commit, String path, long offset, long length) throws IOException {
        FileDownloads.Target target;
        try {
            target = downloads.locate(repo, commit, path);
        } catch (ApiException e) {
            if (e.status() == 404) {
                throw new FileNotFoundException(path + " is not a file of " + repo.repoId() + " at " + commit);
            }
            throw e;
        }
        long size = target.size();
        long start = Math.min(Math.max(offset, 0), size);
        long count = length < 0 ? size - start : Math.min(length, size - start);
        try {
            return downloads.open(target, new ByteRange(ByteRange.Kind.PARTIAL, start, count));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The base models hosted here that the revision may read: public ones and the same owner's. */
    List<Revision> baseModels(RepoView repo, List<String> names) {
        List<Revision> bases = new ArrayList<>();
        for (String name : names) {
            int slash = name.indexOf('/');
            if (slash <= 0 || name.indexOf('/', slash + 1) >= 0) {
                continue;
            }
            RepoId id;
            try {
                id = new RepoId(RepoType.model, name.substring(0, slash), name.substring(slash + 1));
            } catch (RuntimeException notAName) {
                continue;
            }
            // Plugins call this from their own thread, where no request context holds a database session.
            QuarkusTransaction.requiringNew().call(() -> repos.find(id))
                    .filter(base -> !base.isPrivate() || base.ownerId() == repo.ownerId()).ifPresent(base -> {
                try (OpenRevision head = revisions.open(base, Refs.MAIN)) {
                    bases.add(new HostRevision(this, base, head.commitId()));
                } catch (ApiException noMain) {
                    // an empty repository has no revision to read
                }
            });
        }
        return List.copyOf(bases);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> plain(com.fasterxml.jackson.databind.JsonNode node) {
        return node == null || !node.isObject() ? Map.of() : JSON.convertValue(node, Map.class);
    }

    private static String sha256(Repository git, String oid) {
        try (InputStream in = git.open(ObjectId.fromString(oid), Constants.OBJ_BLOB).openStream()) {
            return Sha256.hexOf(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
