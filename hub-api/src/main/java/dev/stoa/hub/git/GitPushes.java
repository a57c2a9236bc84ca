package dev.stoa.hub.git;

import dev.stoa.hub.blob.BlobReferences;
import dev.stoa.hub.config.StoaConfig;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.repo.RepoPaths;
import dev.stoa.hub.repo.RepoService;
import dev.stoa.hub.repo.ProtectedRefs;
import dev.stoa.hub.repo.RepoView;
import dev.stoa.hub.repo.RevisionPublished;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;

import java.util.Optional;

/** Sets up JGit's receive-pack for one push: Stoa's {@link PushRules} before, publishing after. */
@ApplicationScoped
class GitPushes {

    private final RepoPaths paths;
    private final BlobReferences blobs;
    private final RepoService repos;
    private final Event<RevisionPublished> published;
    private final StoaConfig config;
    private final ProtectedRefs protectedRefs;

    GitPushes(RepoPaths paths, BlobReferences blobs, RepoService repos, Event<RevisionPublished> published,
              StoaConfig config, ProtectedRefs protectedRefs) {
        this.protectedRefs = protectedRefs;
        this.paths = paths;
        this.blobs = blobs;
        this.repos = repos;
        this.published = published;
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
        receive.setPreReceiveHook(rules);
        receive.setPostReceiveHook((rp, commands) -> {
            if (commands.isEmpty()) {
                return;
            }
            blobs.recordHeld(repo.id(), rules.lfsBlobs());
            repos.touch(repo.id());
            for (ReceiveCommand command : commands) {
                published.fire(new RevisionPublished(repo.id(), command.getRefName(), name(command.getOldId()),
                        name(command.getNewId())));
            }
        });
        return receive;
    }

    private static Optional<String> name(ObjectId id) {
        return id == null || ObjectId.zeroId().equals(id) ? Optional.empty() : Optional.of(id.name());
    }
}
