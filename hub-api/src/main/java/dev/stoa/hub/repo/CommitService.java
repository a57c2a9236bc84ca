package dev.stoa.hub.repo;

import dev.stoa.hub.blob.BlobReferences;
import dev.stoa.hub.config.StoaConfig;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.git.GitRepositories;
import dev.stoa.hub.git.RevisionPublished;
import dev.stoa.hub.identity.Caller;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Makes commits from file operations, atomically: the new tree and commit are written first, then the branch
 * moves by compare-and-swap. A writer that named a parent commit gets a 412 when the branch moved meanwhile;
 * one that named none has its changes applied again onto the new head.
 */
@ApplicationScoped
public class CommitService {

    /** Tries of a commit that keeps losing the race for its branch (each try rebuilds it on the new head). */
    private static final int MAX_ATTEMPTS = 16;
    private static final Pattern COMMIT_ID = Pattern.compile("[0-9a-f]{40}");

    private final GitRepositories git;
    private final BlobReferences blobs;
    private final RepoPaths paths;
    private final RepoService repos;
    private final StoaConfig config;
    private final ProtectedRefs protectedRefs;

    public CommitService(GitRepositories git, BlobReferences blobs, RepoPaths paths, RepoService repos,
                         StoaConfig config, ProtectedRefs protectedRefs) {
        this.protectedRefs = protectedRefs;
        this.git = git;
        this.blobs = blobs;
        this.paths = paths;
        this.repos = repos;
        this.config = config;
    }

    public CommitResult commit(RepoView repo, Caller caller, CommitRequest request) {
        if (request.summary() == null || request.summary().isBlank()) {
            throw ApiException.invalidField("summary", "A commit needs a summary (its first line); send header.summary.");
        }
        request.parentCommit().ifPresent(parent -> {
            if (!COMMIT_ID.matcher(parent).matches()) {
                throw ApiException.invalidField("parentCommit", "'" + parent + "' is not a commit id: use 40 lowercase hex digits.");
            }
        });
        Map<String, Long> lfsSizes = checkOperations(caller, request);
        String ref = Refs.branchRef(request.revision());
        protectedRefs.refusal(repo.id(), ref).ifPresent(reason -> {
            throw new ApiException(403, "ProtectedRef", reason);
        });
        for (int attempt = 1; ; attempt++) {
            // A fresh view of the repository each time: a writer that won the race (maybe on another replica)
            // moved the ref and wrote packs this one has not seen.
            Optional<CommitResult> done = attempt(repo, caller, request, ref, lfsSizes);
            if (done.isPresent()) {
                return done.get();
            }
            if (attempt == MAX_ATTEMPTS) {
                throw new ApiException(409, "ConcurrentUpdate", "The branch '" + request.revision() + "' of "
                        + repo.repoId() + " is changing too often to commit now; retry in a moment.");
            }
            backOff(attempt);
        }
    }

    /** One try: the commit on the head as it is now, and the compare-and-swap; empty when another writer won. */
    private Optional<CommitResult> attempt(RepoView repo, Caller caller, CommitRequest request, String ref,
                                           Map<String, Long> lfsSizes) {
        try (Repository repository = git.open(repo.id())) {
            Ref current = repository.exactRef(ref);
            if (current == null && !(isEmpty(repository) && ref.equals(Refs.MAIN))) {
                throw RepoErrors.revisionNotFound(repo.repoId(), request.revision());
            }
            ObjectId head = current == null ? null : current.getObjectId();
            if (request.parentCommit().isPresent() && (head == null || !head.name().equals(request.parentCommit().get()))) {
                throw RepoErrors.staleParent(repo.repoId(), request.revision(), request.parentCommit().get(),
                        head == null ? "none" : head.name());
            }
            String target = request.createPr() ? Refs.nextPullRequest(repository) : ref;
            ObjectId commit = new TreeEditor(repository, repo.repoId(), head).apply(request, lfsSizes, caller);
            RefUpdate update = repository.updateRef(target);
            update.setNewObjectId(commit);
            update.setExpectedOldObjectId(request.createPr() || head == null ? ObjectId.zeroId() : head);
            RefUpdate.Result result = moveRef(update, repo, lfsSizes.keySet());
            if (result == RefUpdate.Result.NEW || result == RefUpdate.Result.FAST_FORWARD) {
                return Optional.of(new CommitResult(commit.name(), target, Refs.pullRequestNumber(target)));
            }
            if (result != RefUpdate.Result.LOCK_FAILURE && result != RefUpdate.Result.REJECTED) {
                throw new IllegalStateException("Moving " + target + " of " + repo.repoId() + " failed: " + result);
            }
            if (request.parentCommit().isPresent() && !request.createPr()) {
                repository.getRefDatabase().refresh();
                Ref moved = repository.exactRef(ref);
                throw RepoErrors.staleParent(repo.repoId(), request.revision(), request.parentCommit().get(),
                        moved == null ? "none" : moved.getObjectId().name());
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The compare-and-swap, in one transaction with what must not be lost if the process dies right after it: the
     * {@link RevisionPublished} the ref database writes, and the record that the repository now holds the commit's LFS
     * objects (without it they would be collected as garbage).
     */
    private RefUpdate.Result moveRef(RefUpdate update, RepoView repo, Set<String> lfs) throws IOException {
        try {
            return QuarkusTransaction.joiningExisting().call(() -> {
                RefUpdate.Result result = update.update();
                if (result == RefUpdate.Result.NEW || result == RefUpdate.Result.FAST_FORWARD) {
                    blobs.recordHeld(repo.id(), lfs);
                    repos.touch(repo.id());
                }
                return result;
            });
        } catch (QuarkusTransactionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
    }

    /** Checks limits and paths, and that every LFS file is a blob the caller may point at; returns their sizes. */
    private Map<String, Long> checkOperations(Caller caller, CommitRequest request) {
        StoaConfig.Limits limits = config.repos().limits();
        if (request.operations().size() > limits.maxFilesPerCommit()) {
            throw new ApiException(413, "TooManyFiles", "This commit has " + request.operations().size()
                    + " operations; the limit is " + limits.maxFilesPerCommit()
                    + " (stoa.repos.limits.max-files-per-commit). Split it into several commits.");
        }
        Set<String> seen = new HashSet<>();
        Map<String, Long> lfsSizes = new HashMap<>();
        for (FileOperation operation : request.operations()) {
            paths.check(operation.path());
            if (!seen.add(operation.path())) {
                throw ApiException.invalidField("path", "'" + operation.path() + "' appears twice in this commit; send each path once.");
            }
            switch (operation) {
                case FileOperation.PutFile file when file.content().length > limits.maxRegularFileBytes() ->
                        throw new ApiException(413, "FileTooLarge", "'" + file.path() + "' has " + file.content().length
                                + " bytes, more than the limit of " + limits.maxRegularFileBytes()
                                + " bytes for files outside LFS (stoa.repos.limits.max-regular-file-bytes). Upload it as an LFS file.");
                case FileOperation.PutLfsFile file -> {
                    if (!dev.stoa.hub.git.LfsPointer.isSha256(file.sha256())) {
                        throw ApiException.invalidField("oid", "'" + file.sha256() + "' is not a sha256: use 64 lowercase hex digits.");
                    }
                    lfsSizes.put(file.sha256(), blobs.requireReferenceable(caller, file.sha256(), file.size()));
                }
                default -> {
                }
            }
        }
        return lfsSizes;
    }

    /** Spreads writers that lost a race so that they do not collide again at once. */
    private static void backOff(int attempt) {
        try {
            // Random, growing pauses (10-50 ms, then twice as long each time, at most 0.4-2 s) spread the writers out.
            long scale = 1L << Math.min(attempt, 6);
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(5L * scale, 25L * scale));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while committing", e);
        }
    }

    private static boolean isEmpty(Repository repository) throws IOException {
        return repository.getRefDatabase().getRefsByPrefix("refs/heads/").isEmpty();
    }
}
