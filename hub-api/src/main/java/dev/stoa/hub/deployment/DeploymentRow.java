package dev.stoa.hub.deployment;

import dev.stoa.spi.inference.DeploymentStatus;
import dev.stoa.spi.inference.Resources;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A deployment as stored: what should run, for whom, and its latest state.
 *
 * @param id                 the database id
 * @param ownerId            the user or organisation it belongs to (its quota counts it)
 * @param owner              that account's name
 * @param name               its name, unique in the owner's namespace
 * @param model              the base model's repository
 * @param adapters           the LoRA adapters served on it, in the order they were given
 * @param runner             the runner's full name ({@code plugin/runner})
 * @param scaleToZeroMinutes idle minutes before the engine stops; 0: never
 * @param createdBy          who created it
 */
public record DeploymentRow(long id, long ownerId, String owner, String name, Pinned model, List<Pinned> adapters,
        String runner, String task, Resources resources, Map<String, String> engineOptions, int scaleToZeroMinutes,
        String createdBy, Instant createdAt, DeploymentStatus.State state, String message, Instant updatedAt) {

    /** A repository at a commit: {@code id} is its current {@code ns/name}. */
    public record Pinned(long repoId, String id, String commit) {
    }

    /** One state of the deployment's history. */
    public record Status(DeploymentStatus.State state, String message, Instant at) {
    }

    /** {@code owner/name}, how people and answers name it. */
    public String fullName() {
        return owner + "/" + name;
    }

    /**
     * The name runners know it by ({@code DeploymentContext.deploymentName()}): its name and id, unique for good
     * (a deployment deleted and created again gets a new one) and at most 52 characters.
     */
    public String runnerName() {
        return name + "-" + id;
    }

    /** The names requests send as {@code model} to be served by it: its model's, then each adapter's. */
    public List<String> modelNames() {
        List<String> names = new java.util.ArrayList<>();
        names.add(model.id());
        adapters.forEach(a -> names.add(a.id()));
        return names;
    }

    public long gpus() {
        return resources.gpuCount();
    }
}
