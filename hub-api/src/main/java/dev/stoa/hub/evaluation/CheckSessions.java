package dev.stoa.hub.evaluation;

import dev.stoa.hub.check.CheckInference;
import dev.stoa.hub.config.StoaConfig;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.identity.AccountService;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.repo.RepoService;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.RepoView;
import dev.stoa.spi.inference.InferenceSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The inference sessions checks ask for: the checked model at the checked commit, served as the gateway would serve it
 * to the repository's owner (on demand for public models, by a deployment for private ones).
 */
@ApplicationScoped
class CheckSessions implements CheckInference {

    private static final Logger LOG = Logger.getLogger(CheckSessions.class);

    private final RepoService repos;
    private final EvaluationSessions sessions;
    private final Duration wait;

    CheckSessions(RepoService repos, EvaluationSessions sessions, StoaConfig config) {
        this.repos = repos;
        this.sessions = sessions;
        this.wait = config.evaluations().startTimeout();
    }

    @Override
    @ActivateRequestContext
    public Optional<OpenSession> open(long repoId, String commit) {
        Optional<RepoView> repo = repos.findById(repoId).filter(r -> r.type() == RepoType.model);
        Optional<Caller> owner = repo.flatMap(r -> AccountService.callerOf(r.ownerId(), Caller.AuthMethod.TOKEN,
                Optional.empty()));
        if (owner.isEmpty()) {
            return Optional.empty();
        }
        try {
            EvaluationSessions.Opened opened = sessions.open(repo.get().repoId().id() + "@" + commit, owner.get(), wait,
                    () -> Thread.currentThread().isInterrupted());
            return Optional.of(new OpenSession() {
                @Override
                public InferenceSession session() {
                    return opened.session();
                }

                @Override
                public void close() {
                    opened.close();
                }
            });
        } catch (ApiException e) {
            LOG.debugf("No inference for a check of %s@%s: %s", repo.get().repoId(), commit, e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
