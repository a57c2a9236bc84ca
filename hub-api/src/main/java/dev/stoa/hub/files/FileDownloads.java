package dev.stoa.hub.files;

import dev.stoa.hub.blob.Blobs;

import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.git.LfsPointer;
import dev.stoa.hub.repo.RepoDownloads;
import dev.stoa.hub.repo.RepoErrors;
import dev.stoa.hub.repo.RepoView;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Downloads of one file at one revision: which file a resolve URL names, its bytes (a range of them) from git
 * for regular files and from the blob store for LFS files, and presigned links where the store can sign.
 */
@ApplicationScoped
public class FileDownloads {

    /** How long a presigned download link stays valid: long enough for a slow multi-gigabyte download to start. */
    static final Duration LINK_EXPIRY = Duration.ofHours(1);

    private final RepoRevisions revisions;
    private final RepoTreeReader tree;
    private final Blobs lfs;
    private final RepoDownloads downloads;

    public FileDownloads(RepoRevisions revisions, RepoTreeReader tree, Blobs lfs, RepoDownloads downloads) {
        this.revisions = revisions;
        this.tree = tree;
        this.lfs = lfs;
        this.downloads = downloads;
    }

    /**
     * A file to download: the commit it was found at and its entry.
     *
     * @param repo the repository it belongs to
     */
    public record Target(RepoView repo, String commitId, RepoEntry entry) {
        public Optional<LfsPointer> lfs() {
            return entry.lfs();
        }

        /** The size of the bytes a download sends: the LFS object's for an LFS file. */
        public long size() {
            return entry.size();
        }
    }

    /**
     * The file at {@code path} of {@code revision}: 404 {@code RevisionNotFound} for an unknown revision, 404
     * {@code EntryNotFound} (with {@code X-Repo-Commit}) when nothing or a folder is there, or when the content
     * of an LFS file is not stored. Cheap: one ref lookup and one tree walk down to the path.
     */
    public Target locate(RepoView repo, String revision, String path) {
        try (OpenRevision at = revisions.open(repo, revision)) {
            RepoEntry entry = tree.find(at, path).filter(RepoEntry::isFile)
                    .orElseThrow(() -> RepoErrors.entryNotFound(repo.repoId(), at.commitId(), path));
            if (entry.lfs().isPresent() && !lfs.isServableThrough(repo.id(), entry.lfs().get().sha256())) {
                throw ApiException.notFound("EntryNotFound", "The content of the LFS file '" + path + "' in " + repo.repoId()
                                + " at " + at.commitId() + " was never uploaded; upload it again with git-lfs or huggingface_hub.")
                        .withHeader("X-Repo-Commit", at.commitId());
            }
            return new Target(repo, at.commitId(), entry);
        }
    }

    /** A presigned link to an LFS file's content, when the store can sign; empty for regular files and the local store. */
    public Optional<URI> presignedLink(Target target) {
        return target.lfs().flatMap(pointer -> lfs.presignGet(pointer.sha256(), LINK_EXPIRY));
    }

    /** Opens {@code range} of the file's bytes; the caller closes the stream. The range lies within the file. */
    public InputStream open(Target target, ByteRange range) {
        if (target.lfs().isPresent()) {
            return lfs.open(target.lfs().get().sha256(), range.start(), range.length());
        }
        Repository repository = revisions.openGit(target.repo().id());
        try {
            InputStream blob = repository.open(ObjectId.fromString(target.entry().oid()), Constants.OBJ_BLOB).openStream();
            blob.skipNBytes(range.start());
            return new FilterInputStream(new LimitedInputStream(blob, range.length())) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        repository.close();
                    }
                }
            };
        } catch (IOException e) {
            repository.close();
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Counts a download of the repository when a client fetches {@code config.json} or an LFS file from its
     * start: what the Hub counts, roughly one per model load, not one per file or per resumed range.
     */
    public void countIfDownload(Target target, ByteRange range) {
        boolean counted = target.entry().path().equals("config.json") || target.lfs().isPresent();
        if (counted && range.startsAtZero()) {
            downloads.count(target.repo().id());
        }
    }

    /** Reads at most {@code limit} bytes. */
    private static final class LimitedInputStream extends FilterInputStream {
        private long remaining;

        LimitedInputStream(InputStream in, long limit) {
            super(in);
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }
    }
}
