package dev.stoa.hub.blob;

import dev.stoa.hub.identity.Caller;

import java.util.Set;

/**
 * The rule for LFS pointers in commits: a commit may point at a blob only after Stoa verified its sha256
 * and size, and only when the committer uploaded it or can read a repository that already holds it, so
 * that nobody reads another tenant's private file by guessing its hash.
 */
public interface BlobReferences {

    /**
     * Checks that {@code caller} may commit a pointer to the blob {@code sha256} of {@code size} bytes.
     *
     * @param size the size the commit claims, or -1 when it names none
     * @return the blob's verified size
     * @throws dev.stoa.hub.error.ApiException a 4xx that says why (not uploaded, not verified, size differs)
     */
    long requireReferenceable(Caller caller, String sha256, long size);

    /** Records that the repository now holds these blobs; called once the commit that points at them is on a ref. */
    void recordHeld(long repoId, Set<String> sha256s);
}
