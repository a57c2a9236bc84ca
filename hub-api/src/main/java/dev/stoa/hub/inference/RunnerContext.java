package dev.stoa.hub.inference;

import dev.stoa.hub.plugin.PluginRunner;
import dev.stoa.hub.repo.RepoView;
import dev.stoa.spi.Revision;
import dev.stoa.spi.inference.DeploymentContext;
import dev.stoa.spi.inference.DeploymentStatus;
import dev.stoa.spi.inference.ModelRef;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * What the host gives a runner for one deployment (or one model served on demand): the files of the repositories it
 * was admitted for and of no other, its plugin's declared secrets, a work folder of its own and a status reporter.
 */
public final class RunnerContext implements DeploymentContext {

    private final ModelFactsReader facts;
    private final Map<ModelRef, RepoView> repos;
    private final PluginRunner runner;
    private final Path work;
    private final String name;
    private final HubAccessSource hubAccess;
    private final BiConsumer<DeploymentStatus.State, String> reports;

    /** Issues the deployment's Hugging Face access on demand; empty where the runner reads through {@link #files}. */
    @FunctionalInterface
    public interface HubAccessSource {
        Optional<HubAccess> issue() throws IOException;

        HubAccessSource NONE = Optional::empty;
    }

    /**
     * @param repos   the repository of each model the spec names, the only ones {@link #files} opens
     * @param name    the deployment's name ({@link #deploymentName()})
     * @param reports receives each {@link #report}, on the runner's thread
     */
    public RunnerContext(ModelFactsReader facts, Map<ModelRef, RepoView> repos, PluginRunner runner, Path work,
            String name, HubAccessSource hubAccess, BiConsumer<DeploymentStatus.State, String> reports) {
        this.facts = facts;
        this.repos = Map.copyOf(repos);
        this.runner = runner;
        this.work = work;
        this.name = name;
        this.hubAccess = hubAccess;
        this.reports = reports;
    }

    @Override
    public Revision files(ModelRef ref) throws IOException {
        RepoView repo = repos.get(ref);
        if (repo == null) {
            throw new FileNotFoundException(ref + " is not one of this deployment's models");
        }
        return facts.revision(repo, ref.commit());
    }

    @Override
    public Optional<HubAccess> hubAccess() throws IOException {
        return hubAccess.issue();
    }

    @Override
    public String deploymentName() {
        return name;
    }

    @Override
    public Optional<String> secret(String name) {
        return runner.plugin().secret(name);
    }

    @Override
    public Path workDirectory() {
        return work;
    }

    @Override
    public void report(DeploymentStatus.State state, String message) {
        reports.accept(state, message == null ? "" : message);
    }
}
