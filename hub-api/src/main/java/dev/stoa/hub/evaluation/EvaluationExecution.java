package dev.stoa.hub.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stoa.hub.access.RepoAccess;
import dev.stoa.hub.check.RevisionViews;
import dev.stoa.hub.config.StoaConfig;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.identity.AccountService;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.inference.WorkFolders;
import dev.stoa.hub.repo.RepoService;
import dev.stoa.hub.repo.RepoView;
import dev.stoa.hub.storage.ObjectStore;
import dev.stoa.spi.Revision;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * Runs one claimed evaluation as the person who started it: their access is checked again, the pinned task file and
 * data are read (the data copied to a work folder for DuckDB), the model's session opened, the documents scored with
 * progress and cancellation every second, and the outcome recorded — metrics and run record on success, the reason on
 * failure — with the per-document records in the object store in every case. Prompts and outputs are never logged.
 */
@ApplicationScoped
class EvaluationExecution {

    private static final Logger LOG = Logger.getLogger(EvaluationExecution.class);
    private static final Duration HEARTBEAT = Duration.ofSeconds(1);

    private final EvaluationStore store;
    private final EvaluationSessions sessions;
    private final RepoService repos;
    private final RepoAccess access;
    private final RevisionViews views;
    private final ObjectStore objects;
    private final Path workRoot;
    private final Duration startTimeout;

    EvaluationExecution(EvaluationStore store, EvaluationSessions sessions, RepoService repos, RepoAccess access,
            RevisionViews views, ObjectStore objects, StoaConfig config) {
        this.store = store;
        this.sessions = sessions;
        this.repos = repos;
        this.access = access;
        this.views = views;
        this.objects = objects;
        this.workRoot = workRoot(config);
        this.startTimeout = config.evaluations().startTimeout();
    }

    /** Where runs copy their data and write their records while they run, one folder each. */
    static Path workRoot(StoaConfig config) {
        return config.dataDir().resolve("evaluations");
    }

    /** The object key of a run's per-document records. */
    static String samplesKey(EvaluationRow run) {
        return "evaluations/" + run.id() + "/samples.jsonl";
    }

    /**
     * Runs {@code run}; {@code alive} turns false when this replica stops (the run goes back to the queue).
     */
    @ActivateRequestContext
    void run(EvaluationRow run, BooleanSupplier alive) throws InterruptedException {
        Path work = workRoot.resolve(run.id().toString());
        Path samples = work.resolve("samples.jsonl");
        ObjectNode record = run.record().deepCopy();
        record.put("started_at", Instant.now().toString());
        Heartbeat heartbeat = new Heartbeat(run, alive);
        String status = "failed";
        Optional<JsonNode> metrics = Optional.empty();
        Optional<String> error = Optional.empty();
        try {
            Files.createDirectories(work);
            Caller caller = AccountService.callerOf(run.ownerId(), Caller.AuthMethod.TOKEN, Optional.empty())
                    .orElseThrow(() -> new TaskFailure("The account that started the evaluation no longer exists."));
            Revision taskFiles = readable(run.datasetRepoId(), run.datasetCommit(), caller);
            TaskDefinition task = TaskYaml.parse(EvaluationRuns.read(taskFiles, run.taskFile()), run.seed());
            JsonNode data = record.path("task").path("data");
            Revision dataFiles = data.path("repo_id").asLong() == run.datasetRepoId() ? taskFiles
                    : readable(data.path("repo_id").asLong(), data.path("commit").asText(), caller);
            Map<String, List<String>> splits = DatasetSplits.of(dataFiles.files().stream().map(f -> f.path()).toList(),
                    Optional.ofNullable(dataFiles.cardData().get("configs")).map(EvaluationRuns.JSON::valueToTree),
                    task.datasetName());
            try (TaskData test = split(dataFiles, splits, task.testSplit(), work);
                    EvaluationSessions.Opened opened = sessions.open(record.path("model").path("pinned").asText(),
                            caller, startTimeout, heartbeat::stopped);
                    BufferedWriter out = Files.newBufferedWriter(samples, StandardCharsets.UTF_8)) {
                record.set("runner", EvaluationRuns.JSON.valueToTree(opened.session().provenance()));
                Optional<TaskData> fewshot = Optional.empty();
                if (run.numFewshot() > 0 && task.fewshotSplit().filter(s -> !s.equals(task.testSplit())).isPresent()) {
                    fewshot = Optional.of(split(dataFiles, splits, task.fewshotSplit().get(), work));
                }
                try {
                    Map<String, Metrics.Score> scores = new TaskRunner(task, opened.session(),
                            new TaskRunner.Options(run.limit(), run.numFewshot(), run.seed()))
                            .run(test, fewshot, sample -> {
                                out.write(sample.toString());
                                out.newLine();
                            }, heartbeat);
                    ObjectNode values = EvaluationRuns.JSON.createObjectNode();
                    scores.forEach((metric, score) -> values.putObject(metric).put("value", score.value())
                            .put("stderr", score.stderr()));
                    metrics = Optional.of(values);
                    record.put("documents", heartbeat.done);
                    status = "succeeded";
                } finally {
                    fewshot.ifPresent(TaskData::close);
                }
            }
        } catch (CancellationException e) {
            if (!alive.getAsBoolean()) {
                store.requeue(run.id());
                WorkFolders.delete(work);
                return;
            }
            status = "cancelled";
            error = Optional.of("cancelled after " + heartbeat.done + " of " + heartbeat.total + " documents");
        } catch (TaskFailure | ApiException | IllegalArgumentException e) {
            error = Optional.of(e.getMessage());
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            error = Optional.of("The model could not answer: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Evaluation %s failed unexpectedly", run.id());
            error = Optional.of("Stoa failed while running the evaluation (" + e.getClass().getSimpleName()
                    + "); an administrator can find the cause in the log.");
        } catch (InterruptedException e) {
            store.requeue(run.id());
            WorkFolders.delete(work);
            throw e;
        }
        record.put("finished_at", Instant.now().toString());
        Optional<String> key = publish(run, samples);
        store.finish(run.id(), status, metrics, record, error, key, Instant.now());
        LOG.infof("Evaluation %s of %s on %s ended %s after %d documents", run.id(), run.task(), run.model(), status,
                heartbeat.done);
        WorkFolders.delete(work);
    }

    private Revision readable(long repoId, String commit, Caller caller) {
        RepoView repo = repos.findById(repoId).filter(r -> access.canRead(r, Optional.of(caller)))
                .orElseThrow(() -> new TaskFailure("A dataset of the task is gone or no longer readable by the person"
                        + " who started the evaluation."));
        return views.of(repo, commit);
    }

    /** The split's files, copied to the work folder (streamed, never held in memory) and opened with DuckDB. */
    private static TaskData split(Revision files, Map<String, List<String>> splits, String split, Path work)
            throws IOException {
        List<String> paths = splits.get(split);
        if (paths == null) {
            throw new TaskFailure("The dataset has no split '" + split + "'; it has " + splits.keySet() + ".");
        }
        List<Path> local = new ArrayList<>();
        for (String path : paths) {
            Path copy = work.resolve("data").resolve(split).resolve(local.size() + "-" + Path.of(path).getFileName());
            Files.createDirectories(copy.getParent());
            try (InputStream in = files.open(path)) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            local.add(copy);
        }
        return new TaskData(local);
    }

    private Optional<String> publish(EvaluationRow run, Path samples) {
        if (!Files.exists(samples)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(samples)) {
            objects.put(samplesKey(run), in);
            return Optional.of(samplesKey(run));
        } catch (IOException | RuntimeException e) {
            LOG.warnf("The samples of evaluation %s could not be stored: %s", run.id(), e.getMessage());
            return Optional.empty();
        }
    }

    /** Progress to the database once a second, which answers whether the run was cancelled. */
    private final class Heartbeat implements TaskRunner.Progress {

        private final EvaluationRow run;
        private final BooleanSupplier alive;
        private Instant next = Instant.MIN;
        private boolean cancelled;
        long done;
        long total;

        Heartbeat(EvaluationRow run, BooleanSupplier alive) {
            this.run = run;
            this.alive = alive;
        }

        @Override
        public void scored(long done, long total) {
            this.done = done;
            this.total = total;
            if (Instant.now().isAfter(next) || done == total) {
                cancelled = store.heartbeat(run.id(), done, total, Instant.now());
                next = Instant.now().plus(HEARTBEAT);
            }
        }

        @Override
        public boolean cancelled() {
            return cancelled || !alive.getAsBoolean() || Thread.currentThread().isInterrupted();
        }

        boolean stopped() {
            if (Instant.now().isAfter(next)) {
                cancelled = store.heartbeat(run.id(), done, total, Instant.now());
                next = Instant.now().plus(HEARTBEAT);
            }
            return cancelled();
        }
    }
}
