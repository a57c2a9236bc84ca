package dev.stoa.hub.repo;

import dev.stoa.hub.error.ApiException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Branch, tag and pull-request refs, and how a revision named in a URL finds its commit. */
public final class Refs {

    public static final String MAIN = "refs/heads/main";
    public static final String HEADS = "refs/heads/";
    public static final String TAGS = "refs/tags/";
    public static final String PULL_REQUESTS = "refs/pr/";
    private static final Pattern COMMIT_ID = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern PULL_REQUEST = Pattern.compile("refs/pr/([1-9][0-9]{0,8})");

    private Refs() {
    }

    /** The ref a commit to {@code revision} moves: a branch name, {@code refs/heads/x} or {@code refs/pr/N}. */
    public static String branchRef(String revision) {
        if (revision == null || revision.isBlank()) {
            return MAIN;
        }
        if (revision.startsWith(HEADS) || PULL_REQUEST.matcher(revision).matches()) {
            return revision;
        }
        if (revision.startsWith("refs/") || !Repository.isValidRefName(HEADS + revision)) {
            throw ApiException.invalidField("revision", "'" + revision + "' is not a branch you can commit to;"
                    + " name a branch such as 'main' or a pull request 'refs/pr/1'.");
        }
        return HEADS + revision;
    }

    /**
     * The commit a revision names: a 40-hex commit id, a branch, a tag (annotated tags peeled), a full ref
     * ({@code refs/heads/x}, {@code refs/tags/x}, {@code refs/pr/N}), or {@code HEAD}, the default branch (as the Hub
     * reads it; huggingface.js asks for it). Empty when nothing matches.
     */
    public static Optional<RevCommit> resolve(Repository repository, String revision) {
        try (RevWalk walk = new RevWalk(repository)) {
            if (COMMIT_ID.matcher(revision).matches()) {
                try {
                    return Optional.of(walk.parseCommit(ObjectId.fromString(revision)));
                } catch (MissingObjectException | org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
                    return Optional.empty();
                }
            }
            Ref ref = revision.startsWith("refs/") || revision.equals(Constants.HEAD) ? repository.exactRef(revision)
                    : Optional.ofNullable(repository.exactRef(HEADS + revision)).orElse(repository.exactRef(TAGS + revision));
            if (ref == null || ref.getObjectId() == null) {
                return Optional.empty();
            }
            RevObject target = walk.peel(walk.parseAny(ref.getObjectId()));
            return target instanceof RevCommit commit ? Optional.of(commit) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next free pull-request ref, {@code refs/pr/N}. */
    static String nextPullRequest(Repository repository) throws IOException {
        int highest = 0;
        for (Ref ref : repository.getRefDatabase().getRefsByPrefix(PULL_REQUESTS)) {
            highest = Math.max(highest, pullRequestNumber(ref.getName()).orElse(0));
        }
        return PULL_REQUESTS + (highest + 1);
    }

    public static Optional<Integer> pullRequestNumber(String ref) {
        Matcher matcher = PULL_REQUEST.matcher(ref);
        return matcher.matches() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
    }

    /** The short name users see: {@code main} for {@code refs/heads/main}, {@code v1} for {@code refs/tags/v1}. */
    public static String shortName(String ref) {
        return Repository.shortenRefName(ref);
    }

    static boolean isHead(String ref) {
        return ref.startsWith(Constants.R_HEADS);
    }
}
