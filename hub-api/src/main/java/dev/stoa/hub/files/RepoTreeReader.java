package dev.stoa.hub.files;

import dev.stoa.hub.git.LfsPointer;
import dev.stoa.hub.repo.RepoErrors;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Reads the files and folders of one commit's tree: folder listings in git's order, page by page, and
 * single paths. A blob small enough to be a git-lfs pointer is read to tell LFS files from regular ones.
 */
@ApplicationScoped
public class RepoTreeReader {

    /** One page of a listing; {@code hasMore} when entries follow the last one. */
    public record Page(List<RepoEntry> entries, boolean hasMore) {
    }

    /**
     * The entries of {@code folder} ({@code ""} for the root) from position {@code offset}: its direct
     * children, or with {@code recursive} every folder and file below it, each folder before its content.
     *
     * @throws dev.stoa.hub.error.ApiException 404 {@code EntryNotFound} when there is no folder at that path
     */
    public Page list(OpenRevision at, String folder, boolean recursive, int offset, int limit) {
        try (ObjectReader reader = at.git().newObjectReader(); TreeWalk walk = new TreeWalk(reader)) {
            String prefix = folder.isEmpty() ? "" : folder + "/";
            walk.addTree(folder.isEmpty() ? at.commit().getTree() : folderTree(at, reader, folder));
            walk.setRecursive(false);
            List<RepoEntry> entries = new ArrayList<>();
            int position = 0;
            while (walk.next() && entries.size() <= limit) {
                FileMode mode = walk.getFileMode(0);
                boolean isTree = mode == FileMode.TREE;
                if (!isTree && !isFile(mode)) {
                    continue; // submodule links: Stoa repositories hold none, and the Hub lists none
                }
                if (position++ >= offset) {
                    String path = prefix + walk.getPathString();
                    entries.add(isTree ? RepoEntry.directory(path, walk.getObjectId(0).name())
                            : file(reader, path, walk.getObjectId(0)));
                }
                if (isTree && recursive) {
                    walk.enterSubtree();
                }
            }
            boolean hasMore = entries.size() > limit;
            return new Page(hasMore ? List.copyOf(entries.subList(0, limit)) : List.copyOf(entries), hasMore);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file or folder at {@code path}, or empty when there is none. */
    public Optional<RepoEntry> find(OpenRevision at, String path) {
        return findAll(at, List.of(path)).stream().findFirst();
    }

    /** The entries at the given paths, in the order asked, each once; paths with nothing there are left out. */
    public List<RepoEntry> findAll(OpenRevision at, Collection<String> paths) {
        List<RepoEntry> found = new ArrayList<>();
        try (ObjectReader reader = at.git().newObjectReader()) {
            for (String asked : new LinkedHashSet<>(paths)) {
                String path = normalize(asked);
                if (path.isEmpty()) {
                    continue;
                }
                try (TreeWalk walk = TreeWalk.forPath(reader, path, at.commit().getTree())) {
                    if (walk == null) {
                        continue;
                    }
                    FileMode mode = walk.getFileMode(0);
                    if (mode == FileMode.TREE) {
                        found.add(RepoEntry.directory(path, walk.getObjectId(0).name()));
                    } else if (isFile(mode)) {
                        found.add(file(reader, path, walk.getObjectId(0)));
                    }
                } catch (IllegalArgumentException notAPath) {
                    // a malformed path ("a//b") names nothing
                }
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A path as clients send it, without leading or trailing slashes. */
    public static String normalize(String path) {
        return path == null ? "" : path.replaceAll("^/+|/+$", "");
    }

    private static ObjectId folderTree(OpenRevision at, ObjectReader reader, String folder) throws IOException {
        try (TreeWalk walk = TreeWalk.forPath(reader, folder, at.commit().getTree())) {
            if (walk == null || walk.getFileMode(0) != FileMode.TREE) {
                throw RepoErrors.entryNotFound(at.repo().repoId(), at.commitId(), folder);
            }
            return walk.getObjectId(0);
        } catch (IllegalArgumentException notAPath) {
            throw RepoErrors.entryNotFound(at.repo().repoId(), at.commitId(), folder);
        }
    }

    private static RepoEntry file(ObjectReader reader, String path, ObjectId id) throws IOException {
        long size = reader.getObjectSize(id, Constants.OBJ_BLOB);
        Optional<LfsPointer> pointer = size <= LfsPointer.MAX_POINTER_BYTES
                ? LfsPointer.parse(reader.open(id, Constants.OBJ_BLOB).getCachedBytes()) : Optional.empty();
        return RepoEntry.file(path, id.name(), size, pointer);
    }

    private static boolean isFile(FileMode mode) {
        return mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE || mode == FileMode.SYMLINK;
    }
}
