package dev.stoa.hub.githttp;

import dev.stoa.hub.blob.BlobReferences;
import dev.stoa.hub.config.StoaConfig;
import dev.stoa.hub.git.RevisionPublished;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.repo.ProtectedRefs;
import dev.stoa.hub.repo.RepoPaths;
import dev.stoa.hub.repo.RepoService;
import dev.stoa.hub.repo.RepoView;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;

/** Sets up JGit's receive-pack for one push: Stoa's {@link PushRules} and the LFS holdings before the refs move. */
@ApplicationScoped
class GitPushes {

    private final RepoPaths paths;
    private final BlobReferences blobs;
    private final RepoService repos;
    private final StoaConfig config;
    private final ProtectedRefs protectedRefs;

    GitPushes(RepoPaths paths, BlobReferences blobs, RepoService repos, StoaConfig config, ProtectedRefs protectedRefs) {
        this.protectedRefs = protectedRefs;
        this.paths = paths;
        this.blobs = blobs;
        this.repos = repos;
        this.config = config;
    }

    /** A receive-pack for {@code caller}'s push to {@code repo}; the caller may write to it (checked before). */
    ReceivePack receivePack(Repository repository, RepoView repo, Caller caller) {
        ReceivePack receive = new ReceivePack(repository);
        receive.setAllowCreates(true);
        receive.setAllowDeletes(true);
        // Like the Hub: force pushes are allowed.
        receive.setAllowNonFastForwards(true);
        // Malformed objects (bad modes, '..' or '.git' tree entries) are refused before any rule runs.
        receive.setCheckReceivedObjects(true);
        receive.setAllowPushOptions(false);
        receive.setMaxPackSizeLimit(config.repos().limits().maxPushBytes());
        PushRules rules = new PushRules(repo.repoId(), caller, paths, blobs, config.repos().limits().maxRegularFileBytes(),
                ref -> protectedRefs.refusal(repo.id(), ref));
        receive.setPreReceiveHook((rp, commands) -> {
            rules.onPreReceive(rp, commands);
            // Before the refs move: should the process die after a ref moved, the LFS objects its commits point at
            // must not look unused (and be collected). A push that then fails holds them needlessly, which is safe.
            if (commands.stream().anyMatch(command -> command.getResult() == ReceiveCommand.Result.NOT_ATTEMPTED)) {
                blobs.recordHeld(repo.id(), rules.lfsBlobs());
            }
        });
        // The ref database announced each move (RevisionPublished) in the move's own transaction.
        receive.setPostReceiveHook((rp, commands) -> {
            if (!commands.isEmpty()) {
                repos.touch(repo.id());
            }
        });
        return receive;
    }
}
