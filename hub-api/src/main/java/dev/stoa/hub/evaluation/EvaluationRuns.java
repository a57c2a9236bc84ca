package dev.stoa.hub.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stoa.hub.access.RepoAccess;
import dev.stoa.hub.check.RevisionViews;
import dev.stoa.hub.config.StoaConfig;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.external.ExternalModels;
import dev.stoa.hub.files.OpenRevision;
import dev.stoa.hub.files.RepoRevisions;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.inference.ModelTarget;
import dev.stoa.hub.inference.ModelTargets;
import dev.stoa.hub.repo.RepoId;
import dev.stoa.hub.repo.RepoService;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.RepoView;
import dev.stoa.spi.Revision;
import dev.stoa.spi.RevisionFile;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Starting, reading, listing and cancelling evaluation runs. A run is pinned when it is asked for: the model's commit
 * (and its base's, for an adapter), the task file's dataset commit and digest, the data's dataset commit; the worker
 * runs exactly that. A run is visible to whoever started it and to everyone who can read its model and its datasets,
 * so a private model's results stay as private as the model.
 */
@ApplicationScoped
public class EvaluationRuns {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_TASK_FILE = 256 * 1024;
    private static final long DEFAULT_SEED = 1234;

    private final EvaluationStore store;
    private final RepoAccess access;
    private final RepoService repos;
    private final RepoRevisions revisions;
    private final RevisionViews views;
    private final ModelTargets targets;
    private final ExternalModels externals;
    private final EvaluationWorker worker;
    private final dev.stoa.hub.identity.AccountService accounts;
    private final long maxDocuments;

    EvaluationRuns(EvaluationStore store, RepoAccess access, RepoService repos, RepoRevisions revisions,
            RevisionViews views, ModelTargets targets, ExternalModels externals, EvaluationWorker worker,
            dev.stoa.hub.identity.AccountService accounts, StoaConfig config) {
        this.accounts = accounts;
        this.store = store;
        this.access = access;
        this.repos = repos;
        this.revisions = revisions;
        this.views = views;
        this.targets = targets;
        this.externals = externals;
        this.worker = worker;
        this.maxDocuments = config.evaluations().maxDocuments();
    }

    /** Queues a run of {@code body}'s task on its model; each refusal names the field. */
    public EvaluationRow start(Caller caller, JsonNode body) {
        String model = text(body, "model", "Name the model: \"model\": \"namespace/name\" or \"namespace/name@revision\"."
                + " An adapter's repository runs on its base; \"external/<name>\" runs an external model.");
        String task = text(body, "task", "Name the task: \"task\": \"<dataset namespace>/<dataset name>/<task name>\".");
        long limit = integer(body, "limit", maxDocuments, 1, maxDocuments);
        long seed = integer(body, "seed", DEFAULT_SEED, Long.MIN_VALUE, Long.MAX_VALUE);
        ObjectNode record = JSON.createObjectNode();
        ObjectNode modelRecord = record.putObject("model").put("name", model);
        Optional<Long> modelRepoId = Optional.empty();
        Optional<String> modelCommit = Optional.empty();
        String pinnedModel = model;
        if (ExternalModels.isExternal(model)) {
            externals.lease(model, caller).close(); // refuses names the caller cannot use
            modelRecord.put("external", true);
        } else {
            ModelTarget target = targets.resolve(model, Optional.of(caller));
            modelRepoId = Optional.of(target.repo().id());
            modelCommit = Optional.of(target.facts().model().commit());
            pinnedModel = target.repo().repoId().id() + "@" + modelCommit.get();
            modelRecord.put("repo", target.repo().repoId().id()).put("commit", modelCommit.get());
            target.base().ifPresent(base -> modelRecord.putObject("base").put("repo", base.repo().repoId().id())
                    .put("commit", base.facts().model().commit()));
        }
        modelRecord.put("pinned", pinnedModel);

        String[] parts = task.split("/");
        if (parts.length != 3 || parts[2].isBlank()) {
            throw ApiException.invalidField("task", "\"task\" is \"<dataset namespace>/<dataset name>/<task name>\";"
                    + " got '" + task + "'.");
        }
        String datasetName = parts[1];
        String datasetRevision = "main";
        if (datasetName.contains("@")) {
            datasetRevision = datasetName.substring(datasetName.indexOf('@') + 1);
            datasetName = datasetName.substring(0, datasetName.indexOf('@'));
        }
        RepoView dataset = access.requireReadable(RepoId.parse(RepoType.dataset, "task", parts[0] + "/" + datasetName),
                Optional.of(caller));
        String datasetCommit = commitOf(dataset, datasetRevision);
        Revision files = views.of(dataset, datasetCommit);
        TaskFile found = findTask(files, parts[2]);
        int numFewshot = (int) integer(body, "num_fewshot", found.definition().numFewshot(), 0, 64);
        RepoView data = dataset;
        String dataCommit = datasetCommit;
        if (!found.definition().datasetPath().equals(dataset.repoId().id())) {
            data = access.requireReadable(RepoId.parse(RepoType.dataset, "dataset_path", found.definition().datasetPath()),
                    Optional.of(caller));
            dataCommit = commitOf(data, "main");
        }
        ObjectNode taskRecord = record.putObject("task").put("dataset", dataset.repoId().id())
                .put("commit", datasetCommit).put("name", parts[2]).put("file", found.file().path())
                .put("sha256", found.file().sha256()).put("output_type", found.definition().outputType().yaml());
        taskRecord.putObject("data").put("dataset", data.repoId().id()).put("repo_id", data.id())
                .put("commit", dataCommit).put("config", found.definition().datasetName().orElse("default"))
                .put("split", found.definition().testSplit());
        ObjectNode settings = record.putObject("settings").put("num_fewshot", numFewshot)
                .put("fewshot_sampler", found.definition().fewshotSampler()).put("seed", seed).put("limit", limit)
                .put("temperature", 0).put("max_gen_toks", found.definition().maxGenToks());
        settings.set("until", JSON.valueToTree(found.definition().until()));
        settings.put("bootstrap_iterations", Metrics.BOOTSTRAP_ITERATIONS);

        EvaluationRow row = new EvaluationRow(UUID.randomUUID(), caller.accountId(), caller.name(), model, modelRepoId,
                modelCommit, dataset.id(), dataset.repoId().id(), datasetCommit, parts[2], found.file().path(),
                found.file().sha256(), numFewshot, limit, seed, "queued", false, 0, Optional.empty(), Optional.empty(),
                record, Optional.empty(), Optional.empty(), Instant.now(), Optional.empty(), Optional.empty());
        store.insert(row);
        worker.wake();
        return row;
    }

    /** A task file of a dataset revision and what it defines. */
    record TaskFile(RevisionFile file, String yaml, TaskDefinition definition) {
    }

    /** The task named {@code name} among the revision's YAML files (other than the card), read and checked. */
    static TaskFile findTask(Revision files, String name) {
        for (RevisionFile file : files.files()) {
            String path = file.path().toLowerCase(java.util.Locale.ROOT);
            if (!(path.endsWith(".yaml") || path.endsWith(".yml")) || file.size() > MAX_TASK_FILE) {
                continue;
            }
            String yaml = read(files, file.path());
            JsonNode root;
            try {
                root = TaskYaml.YAML.readTree(yaml);
            } catch (IOException e) {
                continue; // not a task file
            }
            if (root != null && root.path("task").asText("").equals(name)) {
                return new TaskFile(file, yaml, TaskYaml.parse(yaml, DEFAULT_SEED));
            }
        }
        throw ApiException.notFound("TaskNotFound", "The dataset " + files.repository().id() + " has no task file (.yaml)"
                + " with \"task: " + name + "\" at " + files.commit().substring(0, 12) + ".");
    }

    static String read(Revision files, String path) {
        try (InputStream in = files.open(path)) {
            return new String(in.readNBytes(MAX_TASK_FILE), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String commitOf(RepoView repo, String revision) {
        try (OpenRevision at = revisions.open(repo, revision)) {
            return at.commitId();
        }
    }

    /** The run, when the caller may see it; else a 404 that does not say whether it exists. */
    public EvaluationRow get(Optional<Caller> caller, UUID id) {
        return store.find(id).filter(run -> visible(run, caller)).orElseThrow(() -> ApiException.notFound(
                "EvaluationNotFound", "There is no evaluation " + id + " that you can see."));
    }

    /** The newest runs the caller may see, filtered. */
    public List<EvaluationRow> list(Optional<Caller> caller, Optional<String> model, Optional<String> status,
            Optional<String> task, boolean mine, int limit) {
        Optional<Long> modelRepo = model.filter(m -> !ExternalModels.isExternal(m)).map(m -> access
                .requireReadable(RepoId.parse(RepoType.model, "model", m), caller).id());
        Optional<Long> datasetRepo = Optional.empty();
        Optional<String> taskName = Optional.empty();
        if (task.isPresent()) {
            String[] parts = task.get().split("/");
            if (parts.length != 3) {
                throw ApiException.invalidField("task", "\"task\" is \"<dataset namespace>/<dataset name>/<task name>\".");
            }
            datasetRepo = Optional.of(access.requireReadable(RepoId.parse(RepoType.dataset, "task",
                    parts[0] + "/" + parts[1]), caller).id());
            taskName = Optional.of(parts[2]);
        }
        Optional<Long> owner = mine ? Optional.of(caller.orElseThrow(() -> ApiException.unauthorized(
                "Sign in to list your own evaluations.")).accountId()) : Optional.empty();
        return store.list(modelRepo, datasetRepo, taskName, status, owner, limit * 4).stream()
                .filter(visibility(caller)).limit(limit).toList();
    }

    /** The succeeded runs of one task that the caller may see, newest first (at most {@code limit}). */
    List<EvaluationRow> succeeded(Optional<Caller> caller, RepoView dataset, String taskName, int limit) {
        return store.list(Optional.empty(), Optional.of(dataset.id()), Optional.of(taskName), Optional.of("succeeded"),
                Optional.empty(), limit).stream().filter(visibility(caller)).toList();
    }

    /** The evaluations of the model at exactly {@code commit}, newest first. */
    public List<EvaluationRow> runsAt(long modelRepoId, String commit) {
        return store.atCommit(modelRepoId, commit);
    }

    /** Whether a run is of one of Stoa's bias task types (bbq, crows_pairs). */
    public static boolean isBias(EvaluationRow run) {
        return List.of("bbq", "crows_pairs").contains(run.record().path("task").path("output_type").asText());
    }

    /** Whether the person who started the run is the model's owner or one of its organisation's members. */
    boolean startedByOwner(EvaluationRow run) {
        return run.modelRepoId().flatMap(repos::findById).map(repo -> repo.ownerId() == run.ownerId()
                || accounts.roleIn(repo.ownerId(), run.ownerId()).isPresent()).orElse(false);
    }

    /** Asks a run to stop: its starter or an administrator may. */
    public EvaluationRow cancel(Caller caller, UUID id) {
        EvaluationRow run = get(Optional.of(caller), id);
        if (run.ownerId() != caller.accountId() && !caller.isAdmin()) {
            throw ApiException.forbidden("Only the person who started an evaluation (or an administrator) can cancel"
                    + " it.");
        }
        if (!store.cancel(id, Instant.now())) {
            throw ApiException.conflict("EvaluationFinished", "The evaluation already ended (" + run.status() + ").");
        }
        return store.find(id).orElseThrow();
    }

    /** Whether {@code caller} may see the run: its starter, or a reader of its model and its datasets. */
    boolean visible(EvaluationRow run, Optional<Caller> caller) {
        return visibility(caller).test(run);
    }

    /**
     * The test of {@link #visible} for many runs of one caller: each repository's readability is looked up once, as
     * a task's runs share their datasets and a model's its repository.
     */
    java.util.function.Predicate<EvaluationRow> visibility(Optional<Caller> caller) {
        Map<String, Boolean> readable = new HashMap<>();
        java.util.function.Predicate<Optional<RepoView>> canRead = repo -> repo.filter(r -> access.canRead(r, caller))
                .isPresent();
        return run -> {
            if (caller.isPresent() && (caller.get().accountId() == run.ownerId() || caller.get().isAdmin())) {
                return true;
            }
            if (run.modelRepoId().isEmpty()) {
                return false; // an external model's runs are its starter's
            }
            JsonNode model = run.record().path("model");
            long data = run.record().path("task").path("data").path("repo_id").asLong(run.datasetRepoId());
            return readable.computeIfAbsent("#" + run.modelRepoId().get(), k -> canRead.test(repos.findById(run.modelRepoId().get())))
                    && (!model.has("base") || readable.computeIfAbsent(model.path("base").path("repo").asText(),
                            id -> canRead.test(repos.find(RepoId.parse(RepoType.model, "model", id)))))
                    && readable.computeIfAbsent("#" + run.datasetRepoId(), k -> canRead.test(repos.findById(run.datasetRepoId())))
                    && readable.computeIfAbsent("#" + data, k -> canRead.test(repos.findById(data)));
        };
    }

    private static String text(JsonNode body, String field, String how) {
        JsonNode value = body.path(field);
        if (!value.isTextual() || value.asText().isBlank() || value.asText().indexOf('\0') >= 0) {
            throw ApiException.invalidField(field, how);
        }
        return value.asText();
    }

    private static long integer(JsonNode body, String field, long fallback, long min, long max) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < min || value.asLong() > max) {
            throw ApiException.invalidField(field, "\"" + field + "\" must be an integer from " + min + " to " + max + ".");
        }
        return value.asLong();
    }
}
