package dev.stoa.hub.inference;

import dev.stoa.hub.access.RepoAccess;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.files.OpenRevision;
import dev.stoa.hub.files.RepoRevisions;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.repo.RepoId;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.RepoView;
import dev.stoa.spi.inference.ModelFacts;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Optional;

/**
 * Resolves a request's {@code model} ({@code ns/name}, at {@code main}, or {@code ns/name@revision}) to a revision the
 * caller may run, applying the repository's download rules: a private model is a 404 to outsiders, a gated one needs
 * accepted terms, a quarantined one is refused with the reason, a limited token reaches only its repositories. An
 * adapter is served on its base model ({@code base_model_name_or_path}), which must be on this Stoa and which the
 * caller must be able to download too.
 */
@ApplicationScoped
public class ModelTargets {

    private final RepoAccess access;
    private final RepoRevisions revisions;
    private final ModelFactsReader facts;

    public ModelTargets(RepoAccess access, RepoRevisions revisions, ModelFactsReader facts) {
        this.access = access;
        this.revisions = revisions;
        this.facts = facts;
    }

    /** The model a request names, which the caller may download. */
    public ModelTarget resolve(String model, Optional<Caller> caller) {
        if (model == null || model.isBlank()) {
            throw ApiException.invalidField("model", "Name the model to run: \"model\": \"namespace/name\" (its main"
                    + " branch) or \"namespace/name@revision\".");
        }
        int at = model.indexOf('@');
        String id = at < 0 ? model : model.substring(0, at);
        String revision = at < 0 ? "main" : model.substring(at + 1);
        if (revision.isBlank()) {
            throw ApiException.invalidField("model", "'" + model + "' names no revision after '@'; write"
                    + " \"namespace/name@revision\" with a branch, tag or commit id.");
        }
        RepoView repo = access.requireDownloadable(RepoId.parse(RepoType.model, "model", id), caller);
        return target(model, repo, commitOf(repo, revision), caller);
    }

    /**
     * The model at {@code commit} of a repository the caller may download (already checked, as a page that shows it
     * does): its facts, refused when a weight or config file is quarantined, and for an adapter its base.
     */
    public ModelTarget target(String name, RepoView repo, String commit, Optional<Caller> caller) {
        ModelTarget target = at(name, repo, commit);
        ModelFacts.AdapterFacts adapter = target.facts().adapter().orElse(null);
        if (adapter == null) {
            return target;
        }
        if (adapter.baseModel().isBlank()) {
            throw ApiException.invalidField("model", name + " is a LoRA adapter whose adapter_config.json names no"
                    + " base_model_name_or_path, so Stoa cannot tell which model to serve it on.");
        }
        try {
            RepoView base = access.requireDownloadable(RepoId.parse(RepoType.model, "model", adapter.baseModel()), caller);
            return new ModelTarget(name, repo, target.facts(),
                    Optional.of(at(adapter.baseModel(), base, commitOf(base, "main"))));
        } catch (ApiException e) {
            if (e.status() == 404 || e.status() == 400) {
                throw notHere(name, adapter.baseModel());
            }
            throw e;
        }
    }

    /**
     * Refuses serving the repository at {@code commit} when its files cannot be read as a model or a weight or config
     * file is quarantined: for a deployment pinned to another commit than the one a request resolved.
     */
    public void requireServable(RepoView repo, String commit) {
        at(repo.repoId().id(), repo, commit);
    }

    private String commitOf(RepoView repo, String revision) {
        try (OpenRevision open = revisions.open(repo, revision)) {
            return open.commitId();
        }
    }

    private ModelTarget at(String name, RepoView repo, String commit) {
        ModelFacts read;
        try {
            read = facts.read(repo, commit);
        } catch (IOException e) {
            throw new ApiException(422, "ModelUnreadable", name + " cannot be run: " + e.getMessage());
        }
        access.quarantineOfAny(repo, read.files().stream().filter(ModelTargets::isWeightOrConfig).toList())
                .ifPresent(block -> {
                    throw block.refusal();
                });
        return new ModelTarget(name, repo, read, Optional.empty());
    }

    private static boolean isWeightOrConfig(String path) {
        return path.endsWith(".safetensors") || path.endsWith(".json");
    }

    private static ApiException notHere(String model, String base) {
        return new ApiException(422, "BaseModelNotFound", model + " is a LoRA adapter of " + base
                + ", which is not a model on this Stoa that you can download; upload the base model under that name"
                + " (or fix base_model_name_or_path in adapter_config.json).");
    }

}
