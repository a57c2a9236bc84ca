package dev.stoa.hub.repo;

import dev.stoa.hub.error.ApiException;

/** The refusals of repository routes, with the Hugging Face error codes the clients act on. */
public final class RepoErrors {

    private RepoErrors() {
    }

    /** A missing repository, or one the caller may not see: the same answer, so private names never leak. */
    public static ApiException repoNotFound(RepoId id, boolean anonymous) {
        String message = "Repository " + id + " not found." + (anonymous
                ? " If it is private, send Authorization: Bearer <token> with a token of an account that may read it." : "");
        return new ApiException(anonymous ? 401 : 404, "RepoNotFound", message);
    }

    public static ApiException revisionNotFound(RepoId id, String revision) {
        return ApiException.notFound("RevisionNotFound", "Revision '" + revision + "' does not exist in " + id
                + "; use a branch, a tag or a 40-character commit id.");
    }

    /** A missing file or folder at a resolved commit; the client reads the commit from {@code X-Repo-Commit}. */
    public static ApiException entryNotFound(RepoId id, String commit, String path) {
        return ApiException.notFound("EntryNotFound", "'" + path + "' does not exist in " + id + " at " + commit + ".")
                .withHeader("X-Repo-Commit", commit);
    }

    /** The parent commit a writer based its change on is no longer the branch's head. */
    public static ApiException staleParent(RepoId id, String branch, String parent, String head) {
        return new ApiException(412, "PreconditionFailed", "The branch '" + branch + "' of " + id + " moved on: its head is "
                + head + ", not the parentCommit " + parent + ". Fetch the new head and retry.");
    }
}
