package dev.stoa.hub.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.stoa.hub.access.RepoAccess;
import dev.stoa.hub.card.FrontMatter;
import dev.stoa.hub.check.RevisionViews;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.files.OpenRevision;
import dev.stoa.hub.files.RepoRevisions;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.repo.CommitRequest;
import dev.stoa.hub.repo.CommitResult;
import dev.stoa.hub.repo.CommitService;
import dev.stoa.hub.repo.FileOperation;
import dev.stoa.hub.repo.RepoService;
import dev.stoa.hub.repo.RepoView;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Offers a run's result to its model's repository, by the choice of someone who may commit there (or as a pull
 * request): as a Hub {@code .eval_results/*.yaml} file and, when asked, as a {@code model-index} entry in the card's
 * metadata, each carrying a Stoa-signed verification token; and checks such tokens for anyone.
 */
@ApplicationScoped
public class EvaluationResults {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private final EvaluationRuns runs;
    private final EvaluationStore store;
    private final ResultTokens tokens;
    private final RepoAccess access;
    private final RepoService repos;
    private final RepoRevisions revisions;
    private final RevisionViews views;
    private final CommitService commits;

    EvaluationResults(EvaluationRuns runs, EvaluationStore store, ResultTokens tokens, RepoAccess access,
            RepoService repos, RepoRevisions revisions, RevisionViews views, CommitService commits) {
        this.runs = runs;
        this.store = store;
        this.tokens = tokens;
        this.access = access;
        this.repos = repos;
        this.revisions = revisions;
        this.views = views;
        this.commits = commits;
    }

    /** What a publication changed. */
    public record Published(CommitResult commit, List<String> files, String verifyToken) {
    }

    /**
     * Commits the run's {@code metric} (default: its first) to the model's {@code main}: a commit when the caller may
     * write there, else a pull request when {@code createPr}; the card's {@code model-index} too when
     * {@code modelIndex}.
     */
    public Published publish(Caller caller, UUID id, Optional<String> metric, boolean modelIndex, boolean createPr) {
        EvaluationRow run = runs.get(Optional.of(caller), id);
        if (!run.status().equals("succeeded") || run.modelRepoId().isEmpty()) {
            throw ApiException.conflict("NotPublishable", run.modelRepoId().isEmpty()
                    ? "An external model has no repository to publish to."
                    : "Only a succeeded evaluation can be published; this one is " + run.status() + ".");
        }
        RepoView repo = repos.findById(run.modelRepoId().get()).orElseThrow(() -> ApiException.notFound(
                "RepoNotFound", "The evaluated model no longer exists."));
        if (!createPr && !access.canWrite(repo, Optional.of(caller))) {
            throw ApiException.forbidden("You cannot commit to " + repo.repoId().id() + "; send \"createPr\": true to"
                    + " offer the result as a pull request.");
        }
        JsonNode metrics = run.metrics().orElseThrow();
        String chosen = metric.orElse(metrics.fieldNames().next());
        if (!metrics.has(chosen)) {
            throw ApiException.invalidField("metric", "The run has the metrics " + String.join(", ",
                    iterable(metrics)) + ".");
        }
        String token = tokens.issue(run, chosen);
        String head;
        String card;
        try (OpenRevision at = revisions.open(repo, "main")) {
            head = at.commitId();
        }
        card = readme(views.of(repo, head));
        List<FileOperation> operations = new ArrayList<>();
        String file = ".eval_results/" + fileName(run) + ".yaml";
        operations.add(new FileOperation.PutFile(file, yaml(evalResults(run, chosen, token))));
        List<String> files = new ArrayList<>(List.of(file));
        if (modelIndex) {
            operations.add(new FileOperation.PutFile("README.md", withModelIndex(card, repo, run, chosen, token)
                    .getBytes(StandardCharsets.UTF_8)));
            files.add("README.md");
        }
        CommitResult result = commits.commit(repo, caller, new CommitRequest("main", Optional.of(head),
                "Add " + run.task() + " evaluation result", "Evaluated by Stoa, run " + run.id() + " ("
                + chosen + " " + metrics.path(chosen).path("value").asDouble() + ").", operations, createPr));
        return new Published(result, files, token);
    }

    /** A token's claims when Stoa signed it, and whether they still match the run they name. */
    public record Verification(boolean valid, Optional<JsonNode> claims, boolean matchesRun) {
    }

    public Verification verify(String token) {
        Optional<JsonNode> claims = tokens.verify(token);
        if (claims.isEmpty()) {
            return new Verification(false, Optional.empty(), false);
        }
        boolean matches;
        try {
            matches = store.find(UUID.fromString(claims.get().path("run").asText()))
                    .map(run -> ResultTokens.digest(run.record()).equals(claims.get().path("record_sha256").asText()))
                    .orElse(false);
        } catch (IllegalArgumentException e) {
            matches = false;
        }
        return new Verification(true, claims, matches);
    }

    /** The Hub's {@code .eval_results} entry: the dataset and task, the value, the token, where it came from. */
    private static ArrayNode evalResults(EvaluationRow run, String metric, String token) {
        ArrayNode list = YAML.createArrayNode();
        ObjectNode entry = list.addObject();
        entry.putObject("dataset").put("id", run.datasetId()).put("task_id", run.taskName())
                .put("revision", run.datasetCommit());
        entry.put("value", run.metrics().orElseThrow().path(metric).path("value").asDouble());
        entry.put("verifyToken", token);
        run.finishedAt().ifPresent(t -> entry.put("date", t.toString()));
        entry.putObject("source").put("url", "/api/v1/evaluations/" + run.id()).put("name", "Stoa evaluation run")
                .put("user", run.ownerName());
        entry.put("notes", metric + " ± " + run.metrics().orElseThrow().path(metric).path("stderr").asDouble() + ", "
                + run.numFewshot() + "-shot, model commit " + run.modelCommit().orElse(""));
        return list;
    }

    /** The card with the run's result in its {@code model-index}, replacing an earlier result of the same task. */
    private static String withModelIndex(String card, RepoView repo, EvaluationRow run, String metric, String token) {
        ObjectNode meta;
        try {
            meta = FrontMatter.parse(card);
        } catch (FrontMatter.InvalidFrontMatter e) {
            throw ApiException.conflict("InvalidCard", "The card's metadata cannot be read, so the result cannot be"
                    + " added to it: " + e.getMessage() + " Fix the card, or publish without \"modelIndex\".");
        }
        ArrayNode index = meta.withArray("model-index");
        if (index.isEmpty() || !index.get(0).isObject()) {
            index.removeAll();
            index.addObject().put("name", repo.repoId().name());
        }
        ArrayNode results = ((ObjectNode) index.get(0)).withArray("results");
        for (int i = results.size() - 1; i >= 0; i--) {
            JsonNode r = results.get(i);
            if (r.path("dataset").path("type").asText().equals(run.datasetId())
                    && r.path("task").path("name").asText().equals(run.taskName())) {
                results.remove(i);
            }
        }
        ObjectNode result = results.addObject();
        result.putObject("task").put("type", "text-generation").put("name", run.taskName());
        result.putObject("dataset").put("name", run.datasetId() + " " + run.taskName()).put("type", run.datasetId())
                .put("revision", run.datasetCommit())
                .put("split", run.record().path("task").path("data").path("split").asText("test"));
        JsonNode score = run.metrics().orElseThrow().path(metric);
        result.putArray("metrics").addObject().put("type", metric).put("name", metric)
                .put("value", score.path("value").asDouble()).put("verified", false).put("verifyToken", token);
        result.putObject("source").put("name", "Stoa evaluation run").put("url", "/api/v1/evaluations/" + run.id());
        return "---\n" + new String(yaml(meta), StandardCharsets.UTF_8) + "---\n" + body(card);
    }

    /** The whole card, front matter included; empty when there is none. */
    private static String readme(dev.stoa.spi.Revision revision) {
        if (revision.file("README.md").isEmpty()) {
            return "";
        }
        try (java.io.InputStream in = revision.open("README.md")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The card without its front matter. */
    private static String body(String card) {
        String text = card.startsWith("\uFEFF") ? card.substring(1) : card;
        String[] lines = text.split("\n", -1);
        if (lines.length == 0 || !lines[0].strip().equals("---")) {
            return text;
        }
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].strip().equals("---")) {
                return String.join("\n", java.util.Arrays.copyOfRange(lines, i + 1, lines.length));
            }
        }
        return "";
    }

    private static String fileName(EvaluationRow run) {
        return (run.datasetId().replace('/', '-') + "-" + run.taskName()).replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static byte[] yaml(JsonNode node) {
        try {
            return YAML.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> iterable(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
