package dev.stoa.hub.repo;

import dev.stoa.hub.git.RevisionPublished;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.git.GitRepositories;
import dev.stoa.hub.identity.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Creates, deletes and lists a repository's branches and tags. Every change is a compare-and-swap of one ref
 * (a ref that appeared or moved meanwhile makes it fail, never overwrites it), which the ref database announces as a
 * {@link RevisionPublished} in the same transaction.
 */
@ApplicationScoped
public class RefService {

    private static final String MAIN_BRANCH = "main";

    private final GitRepositories git;
    private final RepoService repos;
    private final ProtectedRefs protectedRefs;

    public RefService(GitRepositories git, RepoService repos, ProtectedRefs protectedRefs) {
        this.git = git;
        this.repos = repos;
        this.protectedRefs = protectedRefs;
    }

    /** One ref as the refs listing shows it: its short name, full name and the commit it leads to. */
    public record RefEntry(String name, String ref, String targetCommit) {
    }

    public record RefListing(List<RefEntry> branches, List<RefEntry> tags, List<RefEntry> pullRequests) {
    }

    /** Creates branch {@code name} at {@code startingPoint} (a revision; the head of main when empty). */
    public RefEntry createBranch(RepoView repo, String name, Optional<String> startingPoint) {
        String ref = checkName("branch", Constants.R_HEADS, name);
        requireUnprotected(repo, ref);
        String from = startingPoint.filter(s -> !s.isBlank()).orElse(MAIN_BRANCH);
        try (Repository repository = git.open(repo.id())) {
            RevCommit start = Refs.resolve(repository, from).orElseThrow(() -> RepoErrors.revisionNotFound(repo.repoId(), from));
            if (repository.exactRef(ref) != null) {
                throw exists(repo, "branch", name);
            }
            create(repository, repo, ref, start, "branch", name);
            return new RefEntry(name, ref, start.name());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes branch {@code name}; the default branch {@code main} stays. */
    public void deleteBranch(RepoView repo, String name) {
        String ref = checkName("branch", Constants.R_HEADS, name);
        if (name.equals(MAIN_BRANCH)) {
            throw new ApiException(403, "DefaultBranch", "'main' is the default branch of " + repo.repoId()
                    + " and cannot be deleted; delete the repository instead, or commit to main to change it.");
        }
        requireUnprotected(repo, ref);
        delete(repo, ref, "branch", name);
    }

    /**
     * Tags the commit {@code revision} names as {@code tag}: an annotated tag by {@code tagger} when a message is
     * given, a lightweight one otherwise.
     */
    public RefEntry createTag(RepoView repo, Caller tagger, String revision, String tag, Optional<String> message) {
        requireUnprotected(repo, checkName("tag", Constants.R_TAGS, tag));
        return tag(repo, tagger, revision, tag, message);
    }

    /**
     * Tags a commit whatever {@link ProtectedRefs} says: for the curation feature, which creates the protected tag
     * of an approved revision. Everything else goes through {@link #createTag}.
     */
    public RefEntry createProtectedTag(RepoView repo, Caller tagger, String commit, String tag, String message) {
        return tag(repo, tagger, commit, tag, Optional.of(message));
    }

    /** The name a tag must have to be valid; a 400 saying what a valid name is otherwise. */
    public static void checkTagName(String tag) {
        checkName("tag", Constants.R_TAGS, tag);
    }

    private RefEntry tag(RepoView repo, Caller tagger, String revision, String tag, Optional<String> message) {
        String ref = checkName("tag", Constants.R_TAGS, tag);
        try (Repository repository = git.open(repo.id())) {
            RevCommit commit = Refs.resolve(repository, revision).orElseThrow(() -> RepoErrors.revisionNotFound(repo.repoId(), revision));
            if (repository.exactRef(ref) != null) {
                throw exists(repo, "tag", tag);
            }
            ObjectId target = commit;
            if (message.filter(m -> !m.isBlank()).isPresent()) {
                TagBuilder annotated = new TagBuilder();
                annotated.setObjectId(commit);
                annotated.setTag(tag);
                annotated.setTagger(new PersonIdent(tagger.name(), tagger.name() + "@users.noreply.stoa", Instant.now(), ZoneOffset.UTC));
                annotated.setMessage(message.get().strip() + "\n");
                try (ObjectInserter inserter = repository.newObjectInserter()) {
                    target = inserter.insert(annotated);
                    inserter.flush();
                }
            }
            create(repository, repo, ref, target, "tag", tag);
            return new RefEntry(tag, ref, commit.name());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void deleteTag(RepoView repo, String tag) {
        String ref = checkName("tag", Constants.R_TAGS, tag);
        requireUnprotected(repo, ref);
        delete(repo, ref, "tag", tag);
    }

    private void requireUnprotected(RepoView repo, String ref) {
        protectedRefs.refusal(repo.id(), ref).ifPresent(reason -> {
            throw new ApiException(403, "ProtectedRef", reason);
        });
    }

    /** Branches, tags (peeled to their commits) and, when asked, pull requests, each sorted by name. */
    public RefListing list(RepoView repo, boolean includePullRequests) {
        try (Repository repository = git.open(repo.id()); RevWalk walk = new RevWalk(repository)) {
            return new RefListing(entries(repository, walk, Constants.R_HEADS), entries(repository, walk, Constants.R_TAGS),
                    includePullRequests ? entries(repository, walk, Refs.PULL_REQUESTS) : List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<RefEntry> entries(Repository repository, RevWalk walk, String prefix) throws IOException {
        List<RefEntry> entries = new ArrayList<>();
        for (Ref ref : repository.getRefDatabase().getRefsByPrefix(prefix)) {
            if (ref.getObjectId() == null) {
                continue;
            }
            RevObject target = walk.peel(walk.parseAny(ref.getObjectId()));
            if (target instanceof RevCommit) {
                entries.add(new RefEntry(Refs.shortName(ref.getName()), ref.getName(), target.name()));
            }
        }
        entries.sort(Comparator.comparing(RefEntry::name));
        return entries;
    }

    private void create(Repository repository, RepoView repo, String ref, ObjectId target, String kind, String name) throws IOException {
        RefUpdate update = repository.updateRef(ref);
        update.setNewObjectId(target);
        update.setExpectedOldObjectId(ObjectId.zeroId());
        RefUpdate.Result result = update.update();
        switch (result) {
            case NEW -> published(repo);
            case LOCK_FAILURE, REJECTED -> throw exists(repo, kind, name);
            default -> throw new IllegalStateException("Creating " + ref + " of " + repo.repoId() + " failed: " + result);
        }
    }

    private void delete(RepoView repo, String ref, String kind, String name) {
        try (Repository repository = git.open(repo.id())) {
            Ref current = repository.exactRef(ref);
            if (current == null || current.getObjectId() == null) {
                throw ApiException.notFound("RevisionNotFound", "There is no " + kind + " '" + name + "' in " + repo.repoId()
                        + "; list the existing ones with GET .../refs.");
            }
            String old = peeledName(repository, current.getObjectId());
            RefUpdate update = repository.updateRef(ref);
            update.setExpectedOldObjectId(current.getObjectId());
            update.setForceUpdate(true);
            RefUpdate.Result result = update.delete();
            switch (result) {
                case FORCED, FAST_FORWARD, NO_CHANGE -> published(repo);
                case LOCK_FAILURE, REJECTED -> throw new ApiException(409, "ConcurrentUpdate", "The " + kind + " '" + name
                        + "' of " + repo.repoId() + " changed while it was being deleted; look at it again and retry.");
                default -> throw new IllegalStateException("Deleting " + ref + " of " + repo.repoId() + " failed: " + result);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ref database wrote the {@link RevisionPublished} with the move; the repository's time is updated here. */
    private void published(RepoView repo) {
        repos.touch(repo.id());
    }

    private static String peeledName(Repository repository, ObjectId id) throws IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            return walk.peel(walk.parseAny(id)).name();
        }
    }

    /** The full ref of a branch or tag name; a 400 that says what a valid name is otherwise. */
    private static String checkName(String kind, String prefix, String name) {
        if (name == null || name.isBlank() || name.startsWith("refs/") || name.length() > 255
                || !Repository.isValidRefName(prefix + name) || name.matches("[0-9a-f]{40}")) {
            throw ApiException.invalidField(kind, "'" + name + "' is not a valid " + kind + " name: use letters, digits, '-', '_', '.'"
                    + " and '/' (for folders), without spaces, '..', '~', '^', ':', '?', '*', '[' or '\\', not starting with"
                    + " 'refs/' or ending with '/', '.' or '.lock', at most 255 characters, and not a 40-character commit id.");
        }
        return prefix + name;
    }

    private static ApiException exists(RepoView repo, String kind, String name) {
        return ApiException.conflict(kind.equals("tag") ? "TagExists" : "BranchExists", "The " + kind + " '" + name
                + "' already exists in " + repo.repoId() + "; choose another name or delete it first.");
    }
}
