package dev.stoa.hub.repo;

import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.identity.Caller;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/** Writes the tree and commit object of one commit request onto a head (nothing moves a ref here). */
final class TreeEditor {

    private final Repository repository;
    private final RepoId repoId;
    private final ObjectId head;

    TreeEditor(Repository repository, RepoId repoId, ObjectId head) {
        this.repository = repository;
        this.repoId = repoId;
        this.head = head;
    }

    /** Writes the new blobs, tree and commit; returns the commit's id. */
    ObjectId apply(CommitRequest request, Map<String, Long> lfsSizes, Caller caller) throws IOException {
        try (ObjectInserter inserter = repository.newObjectInserter(); ObjectReader reader = repository.newObjectReader()) {
            // Operations apply in the order sent, as on the Hub: a later one sees what earlier ones did.
            NavigableMap<String, DirCacheEntry> files = new TreeMap<>();
            if (head != null) {
                DirCache current = DirCache.newInCore();
                DirCacheBuilder builder = current.builder();
                try (RevWalk walk = new RevWalk(reader)) {
                    builder.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, walk.parseCommit(head).getTree());
                }
                builder.finish();
                for (int i = 0; i < current.getEntryCount(); i++) {
                    files.put(current.getEntry(i).getPathString(), current.getEntry(i));
                }
            }
            String headName = head == null ? "" : head.name();
            for (FileOperation operation : request.operations()) {
                switch (operation) {
                    case FileOperation.PutFile file -> put(files, file.path(),
                            inserter.insert(Constants.OBJ_BLOB, file.content()), file.content().length);
                    case FileOperation.PutLfsFile file -> {
                        byte[] pointer = new dev.stoa.hub.git.LfsPointer(file.sha256(), lfsSizes.get(file.sha256())).toBytes();
                        put(files, file.path(), inserter.insert(Constants.OBJ_BLOB, pointer), pointer.length);
                    }
                    case FileOperation.DeleteFile file -> {
                        if (files.remove(file.path()) == null) {
                            throw RepoErrors.entryNotFound(repoId, headName, file.path());
                        }
                    }
                    case FileOperation.DeleteFolder folder -> {
                        String path = folder.path().replaceAll("/+$", "");
                        Map<String, DirCacheEntry> within = within(files, path);
                        if (within.isEmpty()) {
                            throw RepoErrors.entryNotFound(repoId, headName, folder.path());
                        }
                        within.clear();
                    }
                }
            }
            DirCache index = DirCache.newInCore();
            DirCacheBuilder builder = index.builder();
            files.values().forEach(builder::add);
            builder.finish();
            ObjectId tree = index.writeTree(inserter);
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(tree);
            if (head != null) {
                commit.setParentId(head);
            }
            PersonIdent author = new PersonIdent(caller.name(), caller.name() + "@users.noreply.stoa",
                    Instant.now(), ZoneOffset.UTC);
            commit.setAuthor(author);
            commit.setCommitter(author);
            String description = request.description() == null ? "" : request.description().strip();
            commit.setMessage(request.summary().strip() + (description.isEmpty() ? "" : "\n\n" + description) + "\n");
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            return id;
        }
    }

    /** Adds or replaces a file; a file may not take the place of a folder, nor sit below a file. */
    private static void put(NavigableMap<String, DirCacheEntry> files, String path, ObjectId blob, long length) {
        if (!within(files, path).isEmpty()) {
            throw ApiException.invalidField("path", "'" + path
                    + "' is a folder in this repository; delete the folder first or choose another path.");
        }
        for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
            if (files.containsKey(path.substring(0, slash))) {
                throw ApiException.invalidField("path", "'" + path.substring(0, slash)
                        + "' is a file in this repository, so '" + path + "' cannot be below it.");
            }
        }
        DirCacheEntry entry = new DirCacheEntry(path);
        entry.setFileMode(FileMode.REGULAR_FILE);
        entry.setObjectId(blob);
        entry.setLength(length);
        files.put(path, entry);
    }

    /** The files below folder {@code path}: the keys from {@code path/} up to, not including, {@code path0} ('0' follows '/'). */
    private static Map<String, DirCacheEntry> within(NavigableMap<String, DirCacheEntry> files, String path) {
        return files.subMap(path + "/", true, path + "0", false);
    }
}
