package dev.stoa.hub.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stoa.hub.access.RepoAccess;
import dev.stoa.hub.check.RevisionViews;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.inference.ModelFactsReader;
import dev.stoa.hub.repo.RepoId;
import dev.stoa.hub.repo.RepoService;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.RepoView;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A task's leaderboard: the latest succeeded run of each model the caller may see — open models, their adapters (with
 * the difference to their base's score on the same board) and external models side by side — each number linked to its
 * run, filterable by licence, size and organisation, ordered best first for the chosen metric.
 */
@ApplicationScoped
public class Leaderboards {

    private static final int RUNS_READ = 2000;

    private final EvaluationRuns runs;
    private final RepoAccess access;
    private final RepoService repos;
    private final RevisionViews views;
    private final ModelFactsReader facts;

    Leaderboards(EvaluationRuns runs, RepoAccess access, RepoService repos, RevisionViews views, ModelFactsReader facts) {
        this.runs = runs;
        this.access = access;
        this.repos = repos;
        this.views = views;
        this.facts = facts;
    }

    /** Which entries a board shows. */
    public record Filter(Optional<String> metric, Optional<String> license, OptionalLong minParameters,
            OptionalLong maxParameters, Optional<String> organisation) {
    }

    /**
     * One model's line.
     *
     * @param kind       {@code model}, {@code adapter} or {@code external}
     * @param base       an adapter's base model ({@code ns/name})
     * @param delta      an adapter's score minus its base's on this board, when the base is on it
     * @param parameters what runs (an adapter: its base's), when known
     */
    public record Entry(String model, String kind, Optional<String> base, String commit, double value, double stderr,
            OptionalDouble delta, OptionalLong parameters, Optional<String> license, String runId, String runner,
            String finishedAt) {
    }

    /** A board: its metric and whether higher is better, and the entries best first. */
    public record Board(String task, String metric, boolean higherIsBetter, List<String> metrics, List<Entry> entries) {
    }

    public Board board(Optional<Caller> caller, String datasetId, String taskName, Filter filter) {
        RepoView dataset = access.requireReadable(RepoId.parse(RepoType.dataset, "task", datasetId), caller);
        Map<String, EvaluationRow> latest = new LinkedHashMap<>();
        for (EvaluationRow run : runs.succeeded(caller, dataset, taskName, RUNS_READ)) {
            latest.putIfAbsent(run.model().contains("@") ? run.model().substring(0, run.model().indexOf('@'))
                    : run.model(), run);
        }
        List<String> metrics = new ArrayList<>();
        latest.values().forEach(run -> run.metrics().ifPresent(m -> m.fieldNames().forEachRemaining(name -> {
            if (!metrics.contains(name)) {
                metrics.add(name);
            }
        })));
        if (metrics.isEmpty()) {
            return new Board(datasetId + "/" + taskName, filter.metric().orElse(""), true, List.of(), List.of());
        }
        String metric = filter.metric().orElse(metrics.getFirst());
        if (!metrics.contains(metric)) {
            throw ApiException.invalidField("metric", "This board has the metrics " + String.join(", ", metrics) + ".");
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        latest.forEach((model, run) -> entry(model, run, metric).ifPresent(e -> entries.put(model, e)));
        List<Entry> shown = new ArrayList<>();
        for (Entry e : entries.values()) {
            OptionalDouble delta = e.base().map(entries::get)
                    .map(base -> OptionalDouble.of(e.value() - base.value())).orElse(OptionalDouble.empty());
            Entry withDelta = new Entry(e.model(), e.kind(), e.base(), e.commit(), e.value(), e.stderr(), delta,
                    e.parameters(), e.license(), e.runId(), e.runner(), e.finishedAt());
            if (matches(withDelta, filter)) {
                shown.add(withDelta);
            }
        }
        boolean higher = !Metrics.lowerIsBetter(metric);
        Comparator<Entry> order = Comparator.comparingDouble(e -> badness(metric, e.value(), higher));
        shown.sort(order);
        return new Board(datasetId + "/" + taskName, metric, higher, metrics, shown);
    }

    /** Lower is better here: bias scores by their distance from 0, the share of stereotypes from 0.5. */
    private static double badness(String metric, double value, boolean higherIsBetter) {
        if (metric.startsWith("bias_score")) {
            return Math.abs(value);
        }
        if (metric.startsWith("pct_stereotype")) {
            return Math.abs(value - 0.5);
        }
        return higherIsBetter ? -value : value;
    }

    private Optional<Entry> entry(String model, EvaluationRow run, String metric) {
        JsonNode score = run.metrics().orElseThrow().path(metric);
        if (!score.has("value")) {
            return Optional.empty();
        }
        JsonNode record = run.record().path("model");
        String kind = record.path("external").asBoolean(false) ? "external" : record.has("base") ? "adapter" : "model";
        Optional<String> base = record.has("base") ? Optional.of(record.path("base").path("repo").asText())
                : Optional.empty();
        OptionalLong parameters = OptionalLong.empty();
        Optional<String> license = Optional.empty();
        if (run.modelRepoId().isPresent()) {
            Optional<RepoView> repo = repos.findById(run.modelRepoId().get());
            if (repo.isPresent()) {
                String commit = run.modelCommit().orElseThrow();
                license = Optional.ofNullable(views.of(repo.get(), commit).cardData().get("license"))
                        .map(String::valueOf);
                parameters = parameters(base.isPresent() ? base.flatMap(b -> repos.find(RepoId.parse(RepoType.model,
                        "model", b))) : repo, base.isPresent() ? record.path("base").path("commit").asText() : commit);
            }
        }
        return Optional.of(new Entry(model, kind, base, run.modelCommit().orElse(""), score.path("value").asDouble(),
                score.path("stderr").asDouble(), OptionalDouble.empty(), parameters, license, run.id().toString(),
                run.record().path("runner").path("runner").asText(""), run.finishedAt().map(Object::toString).orElse("")));
    }

    private OptionalLong parameters(Optional<RepoView> repo, String commit) {
        if (repo.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long count = facts.read(repo.get(), commit).parameters();
            return count > 0 ? OptionalLong.of(count) : OptionalLong.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    private static boolean matches(Entry e, Filter filter) {
        if (filter.license().isPresent() && !e.license().map(l -> l.equalsIgnoreCase(filter.license().get()))
                .orElse(false)) {
            return false;
        }
        if (filter.minParameters().isPresent() && (e.parameters().isEmpty()
                || e.parameters().getAsLong() < filter.minParameters().getAsLong())) {
            return false;
        }
        if (filter.maxParameters().isPresent() && (e.parameters().isEmpty()
                || e.parameters().getAsLong() > filter.maxParameters().getAsLong())) {
            return false;
        }
        return filter.organisation().map(org -> e.model().toLowerCase(Locale.ROOT)
                .startsWith(org.toLowerCase(Locale.ROOT) + "/")).orElse(true);
    }
}
