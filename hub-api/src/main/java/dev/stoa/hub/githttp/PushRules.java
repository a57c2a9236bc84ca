package dev.stoa.hub.githttp;

import dev.stoa.hub.blob.BlobReferences;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.git.LfsPointer;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.repo.RepoId;
import dev.stoa.hub.repo.RepoPaths;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PreReceiveHook;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The rules a git push keeps, checked after its pack arrived and before any ref moves. Only branches and tags
 * may be pushed, {@code main} never deleted. Every file a new commit adds or changes keeps the path rules; a
 * file over the regular-file limit must be a git-lfs pointer; and a pointer may only name a blob the pusher
 * may reference. Only objects new to the repository are checked. One refusal refuses the whole push.
 *
 * <p>One instance per push, used by one thread.
 */
final class PushRules implements PreReceiveHook {

    private static final String MAIN = "refs/heads/main";

    private final RepoId repoId;
    private final Caller caller;
    private final RepoPaths paths;
    private final BlobReferences blobs;
    private final long maxRegularFileBytes;
    private final Set<String> lfsBlobs = new HashSet<>();
    private final Function<String, Optional<String>> protectedRefs;

    /** @param protectedRefs why a ref may not be pushed (created, moved or deleted), see {@code repo.ProtectedRefs} */
    PushRules(RepoId repoId, Caller caller, RepoPaths paths, BlobReferences blobs, long maxRegularFileBytes,
              Function<String, Optional<String>> protectedRefs) {
        this.protectedRefs = protectedRefs;
        this.repoId = repoId;
        this.caller = caller;
        this.paths = paths;
        this.blobs = blobs;
        this.maxRegularFileBytes = maxRegularFileBytes;
    }

    /** The sha256s of the LFS pointers the pushed commits added. */
    Set<String> lfsBlobs() {
        return Set.copyOf(lfsBlobs);
    }

    /** Why a push is refused: a one-line reason per ref, and the how-to-fix lines git shows as "remote:". */
    private record Refusal(String reason, List<String> help) {
        Refusal(String reason) {
            this(reason, List.of());
        }
    }

    @Override
    public void onPreReceive(ReceivePack rp, Collection<ReceiveCommand> commands) {
        Refusal refusal = null;
        for (ReceiveCommand command : commands) {
            refusal = refProblem(command);
            if (refusal != null) {
                break;
            }
        }
        if (refusal == null) {
            try {
                refusal = contentProblem(rp.getRepository(), commands);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (refusal != null) {
            refuseAll(rp, commands, refusal);
            return;
        }
        if (rp.getRepository().getRefDatabase().performsAtomicTransactions()) {
            // All refs move together or none does, whether or not the client asked for --atomic.
            rp.setAtomic(true);
        }
    }

    private Refusal refProblem(ReceiveCommand command) {
        String ref = command.getRefName();
        if (!ref.startsWith(Constants.R_HEADS) && !ref.startsWith(Constants.R_TAGS)) {
            return new Refusal("only branches (refs/heads/*) and tags (refs/tags/*) can be pushed; " + ref
                    + " is managed by Stoa");
        }
        if (command.getType() == ReceiveCommand.Type.DELETE && MAIN.equals(ref)) {
            return new Refusal("the main branch cannot be deleted; push new commits to it instead (force pushes are allowed)");
        }
        return protectedRefs.apply(ref).map(Refusal::new).orElse(null);
    }

    private Refusal contentProblem(Repository repository, Collection<ReceiveCommand> commands) throws IOException {
        try (RevWalk walk = new RevWalk(repository); ObjectReader reader = walk.getObjectReader()) {
            boolean anything = false;
            for (ReceiveCommand command : commands) {
                if (command.getType() == ReceiveCommand.Type.DELETE) {
                    continue;
                }
                RevObject tip = walk.peel(walk.parseAny(command.getNewId()));
                if (!(tip instanceof RevCommit commit)) {
                    return new Refusal(command.getRefName() + " must point at a commit (or a tag of one), not at a "
                            + Constants.typeString(tip.getType()));
                }
                walk.markStart(commit);
                anything = true;
            }
            if (!anything) {
                return null;
            }
            for (Ref ref : repository.getRefDatabase().getRefs()) {
                markUninteresting(walk, ref.getObjectId());
            }
            Set<ObjectId> checkedBlobs = new HashSet<>();
            for (RevCommit commit; (commit = walk.next()) != null; ) {
                Refusal refusal = checkCommit(reader, commit, checkedBlobs);
                if (refusal != null) {
                    return refusal;
                }
            }
            return null;
        }
    }

    private static void markUninteresting(RevWalk walk, ObjectId id) throws IOException {
        if (id == null) {
            return;
        }
        try {
            if (walk.peel(walk.parseAny(id)) instanceof RevCommit commit) {
                walk.markUninteresting(commit);
            }
        } catch (MissingObjectException e) {
            // A ref to an object that is gone cannot hide anything the push brings.
        }
    }

    /** Checks the files {@code commit} adds or changes compared with every one of its parents. */
    private Refusal checkCommit(ObjectReader reader, RevCommit commit, Set<ObjectId> checkedBlobs) throws IOException {
        try (TreeWalk tree = new TreeWalk(reader)) {
            tree.setRecursive(true);
            tree.addTree(commit.getTree());
            for (RevCommit parent : commit.getParents()) {
                tree.addTree(parent.getTree());
            }
            if (commit.getParentCount() > 0) {
                tree.setFilter(TreeFilter.ANY_DIFF);
            }
            while (tree.next()) {
                FileMode mode = tree.getFileMode(0);
                if (mode == FileMode.MISSING || unchangedFromAParent(tree)) {
                    continue;
                }
                String path = tree.getPathString();
                String pathProblem = paths.problem(path);
                if (pathProblem != null) {
                    return new Refusal("commit " + commit.abbreviate(7).name() + ": " + pathProblem);
                }
                if (mode == FileMode.GITLINK) {
                    return new Refusal("commit " + commit.abbreviate(7).name() + " adds the submodule '" + path
                            + "'; Stoa repositories cannot hold submodules, add the files themselves");
                }
                ObjectId blob = tree.getObjectId(0);
                if (checkedBlobs.add(blob)) {
                    Refusal refusal = checkBlob(reader, commit, path, blob);
                    if (refusal != null) {
                        return refusal;
                    }
                }
            }
        }
        return null;
    }

    private static boolean unchangedFromAParent(TreeWalk tree) {
        for (int parent = 1; parent < tree.getTreeCount(); parent++) {
            if (tree.getRawMode(parent) == tree.getRawMode(0) && tree.idEqual(parent, 0)) {
                return true;
            }
        }
        return false;
    }

    private Refusal checkBlob(ObjectReader reader, RevCommit commit, String path, ObjectId blob) throws IOException {
        long size = reader.getObjectSize(blob, Constants.OBJ_BLOB);
        if (size > maxRegularFileBytes) {
            return tooLarge(commit, path, size);
        }
        if (size > LfsPointer.MAX_POINTER_BYTES) {
            return null;
        }
        var pointer = LfsPointer.parse(reader.open(blob, Constants.OBJ_BLOB).getCachedBytes());
        if (pointer.isEmpty()) {
            return null;
        }
        try {
            blobs.requireReferenceable(caller, pointer.get().sha256(), pointer.get().size());
        } catch (ApiException e) {
            return new Refusal("'" + path + "' (commit " + commit.abbreviate(7).name() + ") points at the LFS object "
                    + pointer.get().sha256() + ": " + e.getMessage(),
                    List.of("Upload the file with git-lfs before pushing the commit that points at it: 'git lfs push"
                            + " origin --all' (or push again: git-lfs uploads the objects a push needs first)."));
        }
        lfsBlobs.add(pointer.get().sha256());
        return null;
    }

    private Refusal tooLarge(RevCommit commit, String path, long size) {
        String pattern = trackPattern(path);
        String reason = "'" + path + "' is " + megabytes(size) + ", over the " + megabytes(maxRegularFileBytes)
                + " limit for files outside git-lfs; track it with git lfs track \"" + pattern + "\"";
        return new Refusal(reason, List.of(
                "Stoa refused this push to " + repoId + ": '" + path + "' (added in commit " + commit.abbreviate(7).name() + ") is "
                        + size + " bytes, more than the " + maxRegularFileBytes + "-byte limit for files stored in git itself.",
                "Store large files with git-lfs. Before committing them:",
                "  git lfs install",
                "  git lfs track \"" + pattern + "\"",
                "  git add .gitattributes",
                "Commits you already made must be rewritten so that the file becomes an LFS pointer"
                        + " (this also tracks the pattern in .gitattributes):",
                "  git lfs migrate import --include=\"" + pattern + "\"",
                "  git push",
                "('git lfs migrate import' rewrites the commits not pushed yet on the current branch;"
                        + " add --everything to rewrite every branch.)"));
    }

    /** {@code *.bin} for {@code weights/model.bin}; the path itself when it has no extension. */
    static String trackPattern(String path) {
        String file = path.substring(path.lastIndexOf('/') + 1);
        int dot = file.lastIndexOf('.');
        return dot > 0 && dot < file.length() - 1 ? "*" + file.substring(dot) : path;
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    private static void refuseAll(ReceivePack rp, Collection<ReceiveCommand> commands, Refusal refusal) {
        refusal.help().forEach(rp::sendMessage);
        ReceiveCommand first = null;
        for (ReceiveCommand command : commands) {
            if (command.getResult() != ReceiveCommand.Result.NOT_ATTEMPTED) {
                continue;
            }
            if (first == null) {
                first = command;
                command.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, refusal.reason());
            } else {
                command.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON,
                        "refused with " + first.getRefName() + ": " + refusal.reason());
            }
        }
    }
}
