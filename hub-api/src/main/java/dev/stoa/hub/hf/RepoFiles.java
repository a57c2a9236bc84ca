package dev.stoa.hub.hf;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.stoa.hub.git.LfsPointer;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The files of a commit as the info routes list them: {@code siblings}. */
final class RepoFiles {

    private RepoFiles() {
    }

    /** {@code rfilename}, and with {@code blobs=true} its size, git blob id and LFS pointer. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Sibling(String rfilename, Long size, String blobId, Lfs lfs) {
    }

    /** The LFS object behind a pointer file: the key is {@code sha256} here (the tree API calls it {@code oid}). */
    record Lfs(long size, String sha256, long pointerSize) {
    }

    static List<Sibling> siblings(Repository repository, RevCommit commit, boolean blobs) {
        List<Sibling> siblings = new ArrayList<>();
        try (ObjectReader reader = repository.newObjectReader(); TreeWalk walk = new TreeWalk(repository, reader)) {
            walk.addTree(commit.getTree());
            walk.setRecursive(true);
            while (walk.next()) {
                String path = walk.getPathString();
                if (!blobs) {
                    siblings.add(new Sibling(path, null, null, null));
                    continue;
                }
                ObjectId blob = walk.getObjectId(0);
                long size = reader.getObjectSize(blob, Constants.OBJ_BLOB);
                Optional<LfsPointer> pointer = size <= LfsPointer.MAX_POINTER_BYTES
                        ? LfsPointer.parse(reader.open(blob, Constants.OBJ_BLOB).getCachedBytes(LfsPointer.MAX_POINTER_BYTES))
                        : Optional.empty();
                siblings.add(pointer
                        .map(p -> new Sibling(path, p.size(), blob.name(), new Lfs(p.size(), p.sha256(), size)))
                        .orElseGet(() -> new Sibling(path, size, blob.name(), null)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return siblings;
    }
}
