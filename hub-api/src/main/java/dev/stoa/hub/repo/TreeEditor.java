package dev.stoa.hub.repo;

import dev.stoa.hub.identity.Caller;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
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
            DirCache index = DirCache.newInCore();
            if (head != null) {
                DirCacheBuilder builder = index.builder();
                try (RevWalk walk = new RevWalk(reader)) {
                    builder.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, walk.parseCommit(head).getTree());
                }
                builder.finish();
            }
            String headName = head == null ? "" : head.name();
            DirCacheEditor editor = index.editor();
            for (FileOperation operation : request.operations()) {
                switch (operation) {
                    case FileOperation.PutFile file -> put(index, editor, file.path(),
                            inserter.insert(Constants.OBJ_BLOB, file.content()), file.content().length);
                    case FileOperation.PutLfsFile file -> {
                        byte[] pointer = new dev.stoa.hub.git.LfsPointer(file.sha256(), lfsSizes.get(file.sha256())).toBytes();
                        put(index, editor, file.path(), inserter.insert(Constants.OBJ_BLOB, pointer), pointer.length);
                    }
                    case FileOperation.DeleteFile file -> {
                        if (index.findEntry(file.path()) < 0) {
                            throw RepoErrors.entryNotFound(repoId, headName, file.path());
                        }
                        editor.add(new DirCacheEditor.DeletePath(file.path()));
                    }
                    case FileOperation.DeleteFolder folder -> {
                        String path = folder.path().replaceAll("/+$", "");
                        if (index.getEntriesWithin(path).length == 0) {
                            throw RepoErrors.entryNotFound(repoId, headName, folder.path());
                        }
                        editor.add(new DirCacheEditor.DeleteTree(path));
                    }
                }
            }
            editor.finish();
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
    private void put(DirCache index, DirCacheEditor editor, String path, ObjectId blob, long length) {
        if (index.getEntriesWithin(path).length > 0) {
            throw dev.stoa.hub.error.ApiException.invalidField("path", "'" + path
                    + "' is a folder in this repository; delete the folder first or choose another path.");
        }
        for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
            if (index.findEntry(path.substring(0, slash)) >= 0) {
                throw dev.stoa.hub.error.ApiException.invalidField("path", "'" + path.substring(0, slash)
                        + "' is a file in this repository, so '" + path + "' cannot be below it.");
            }
        }
        editor.add(new DirCacheEditor.PathEdit(path) {
            @Override
            public void apply(DirCacheEntry entry) {
                entry.setFileMode(FileMode.REGULAR_FILE);
                entry.setObjectId(blob);
                entry.setLength(length);
            }
        });
    }
}
