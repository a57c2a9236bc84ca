package dev.stoa.hub.auditreport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stoa.hub.access.RepoAccess;
import dev.stoa.hub.audit.AuditVerifier;
import dev.stoa.hub.card.CardCompleteness;
import dev.stoa.hub.check.CheckRunView;
import dev.stoa.hub.check.CheckSummaries;
import dev.stoa.hub.check.RevisionViews;
import dev.stoa.hub.curation.CurationRequest;
import dev.stoa.hub.curation.CurationService;
import dev.stoa.hub.evaluation.EvaluationRow;
import dev.stoa.hub.evaluation.EvaluationRuns;
import dev.stoa.hub.files.OpenRevision;
import dev.stoa.hub.files.RepoRevisions;
import dev.stoa.hub.gating.AccessRequests;
import dev.stoa.hub.gating.RequestStatus;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.inference.ModelFactsReader;
import dev.stoa.hub.moderation.Quarantine;
import dev.stoa.hub.moderation.Quarantines;
import dev.stoa.hub.repo.Gating;
import dev.stoa.hub.repo.RepoId;
import dev.stoa.hub.repo.RepoService;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.RepoView;
import dev.stoa.spi.Finding;
import dev.stoa.spi.Revision;
import dev.stoa.spi.RevisionFile;
import dev.stoa.spi.inference.ModelFacts;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Assembles the audit report of one revision from what Stoa knows: identity (files and digests), lineage (base models
 * and their revisions, the adapter's configuration, datasets, architecture and size from the headers), licence and
 * what the licence checks found, security scans and the quarantine history, card completeness against the model-card
 * and EU AI Act fields with the gaps, the evaluations with their provenance (bias results marked), and the governance
 * trail (curation, access requests, the audit chain's verification). Everything in it is what the reader may see: the
 * repository must be readable, evaluations are those the reader may see, the audit chain is verified for
 * administrators only (it reads every event).
 */
@ApplicationScoped
public class AuditReports {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SCHEMA = "stoa-audit-report/1";
    private static final int EVALUATIONS = 100;

    private final RepoAccess access;
    private final RepoService repos;
    private final RepoRevisions revisions;
    private final RevisionViews views;
    private final ModelFactsReader facts;
    private final CheckSummaries checks;
    private final Quarantines quarantines;
    private final CurationService curation;
    private final AccessRequests accessRequests;
    private final AuditVerifier auditChain;
    private final EvaluationRuns evaluations;

    AuditReports(RepoAccess access, RepoService repos, RepoRevisions revisions, RevisionViews views,
            ModelFactsReader facts, CheckSummaries checks, Quarantines quarantines, CurationService curation,
            AccessRequests accessRequests, AuditVerifier auditChain, EvaluationRuns evaluations) {
        this.access = access;
        this.repos = repos;
        this.revisions = revisions;
        this.views = views;
        this.facts = facts;
        this.checks = checks;
        this.quarantines = quarantines;
        this.curation = curation;
        this.accessRequests = accessRequests;
        this.auditChain = auditChain;
        this.evaluations = evaluations;
    }

    /** The report of {@code id} at {@code revision} (a branch, tag or commit; default {@code main}). */
    public ObjectNode report(Optional<Caller> caller, RepoId id, String revision) {
        RepoView repo = access.requireReadable(id, caller);
        String commit;
        try (OpenRevision at = revisions.open(repo, revision)) {
            commit = at.commitId();
        }
        Revision files = views.of(repo, commit);
        ObjectNode report = JSON.createObjectNode().put("schema", SCHEMA).put("generatedAt", Instant.now().toString());
        report.putObject("repository").put("id", repo.repoId().id()).put("type", repo.type().name())
                .put("private", repo.isPrivate()).put("gated", repo.gated().name());
        identity(report.putObject("identity"), files, revision, commit);
        Optional<ModelFacts> model = Optional.empty();
        if (repo.type() == RepoType.model) {
            try {
                model = Optional.of(facts.read(repo, commit));
            } catch (IOException | RuntimeException e) {
                model = Optional.empty(); // no readable config or headers: the lineage says so
            }
        }
        ObjectNode lineage = report.putObject("lineage");
        lineage(lineage, files, model, caller);
        licence(report.putObject("licence"), files, lineage);
        List<CheckRunView> runs = checks.runs(repo.id(), commit);
        security(report.putObject("security"), runs, quarantines.ofRepo(repo));
        List<EvaluationRow> evaluated = repo.type() == RepoType.model ? evaluations.list(caller,
                Optional.of(repo.repoId().id()), Optional.of("succeeded"), Optional.empty(), false, EVALUATIONS)
                : List.of();
        evaluations(report.putArray("evaluations"), evaluated);
        boolean bias = evaluated.stream().anyMatch(EvaluationRuns::isBias);
        List<CardCompleteness.Field> fields = repo.type() == RepoType.model
                ? CardCompleteness.model(files.cardData(), files.cardText(),
                        new CardCompleteness.Known(model.filter(m -> m.parameters() > 0).isPresent(),
                                !evaluated.isEmpty(), bias))
                : CardCompleteness.dataset(files.cardData(), files.cardText());
        card(report.putObject("card"), fields);
        governance(report.putObject("governance"), repo, caller);
        return report;
    }

    private static void identity(ObjectNode identity, Revision files, String revision, String commit) {
        identity.put("revision", revision).put("commit", commit);
        ArrayNode list = identity.putArray("files");
        long total = 0;
        for (RevisionFile f : files.files()) {
            list.addObject().put("path", f.path()).put("size", f.size()).put("sha256", f.sha256()).put("lfs", f.lfs());
            total += f.size();
        }
        identity.put("totalBytes", total);
    }

    private void lineage(ObjectNode lineage, Revision files, Optional<ModelFacts> model, Optional<Caller> caller) {
        ArrayNode bases = lineage.putArray("baseModels");
        List<String> baseIds = strings(files.cardData().get("base_model"));
        model.flatMap(ModelFacts::adapter).map(ModelFacts.AdapterFacts::baseModel).filter(b -> !b.isBlank())
                .filter(b -> !baseIds.contains(b)).ifPresent(baseIds::add);
        for (String base : baseIds) {
            bases.add(hosted(base, RepoType.model, caller));
        }
        Object relation = files.cardData().get("base_model_relation");
        if (relation != null) {
            lineage.put("relation", String.valueOf(relation));
        }
        model.flatMap(ModelFacts::adapter).ifPresent(a -> {
            ObjectNode adapter = lineage.putObject("adapter").put("type", "LoRA").put("rank", a.rank())
                    .put("alpha", a.alpha());
            adapter.set("targetModules", JSON.valueToTree(a.targetModules()));
            adapter.set("modulesToSave", JSON.valueToTree(a.modulesToSave()));
        });
        model.ifPresent(m -> {
            lineage.put("architecture", m.architecture()).put("modelType", m.modelType())
                    .put("parameters", m.parameters()).put("weightBytes", m.weightBytes());
            lineage.set("dtypes", JSON.valueToTree(m.dtypes()));
        });
        ArrayNode datasets = lineage.putArray("datasets");
        for (String dataset : strings(files.cardData().get("datasets"))) {
            datasets.add(hosted(dataset, RepoType.dataset, caller));
        }
    }

    /** A repository named in a card: whether it is on this Stoa (and readable), and its current commit. */
    private ObjectNode hosted(String id, RepoType type, Optional<Caller> caller) {
        ObjectNode node = JSON.createObjectNode().put("id", id);
        Optional<RepoView> repo;
        try {
            repo = repos.find(RepoId.parse(type, "id", id)).filter(r -> access.canRead(r, caller));
        } catch (RuntimeException e) {
            repo = Optional.empty();
        }
        node.put("onStoa", repo.isPresent());
        repo.ifPresent(r -> {
            try (OpenRevision at = revisions.open(r, "main")) {
                node.put("commit", at.commitId());
                Object license = views.of(r, at.commitId()).cardData().get("license");
                if (license != null) {
                    node.put("license", String.valueOf(license));
                }
            } catch (RuntimeException e) {
                node.putNull("commit");
            }
        });
        return node;
    }

    /** The declared licence, and what each base model found on this Stoa declares (from the lineage just read). */
    private static void licence(ObjectNode licence, Revision files, JsonNode lineage) {
        Object declared = files.cardData().get("license");
        if (declared == null) {
            licence.putNull("declared");
        } else {
            licence.put("declared", String.valueOf(declared));
        }
        Object name = files.cardData().get("license_name");
        if (name != null) {
            licence.put("name", String.valueOf(name));
        }
        ArrayNode inherited = licence.putArray("inherited");
        for (JsonNode base : lineage.path("baseModels")) {
            inherited.addObject().put("from", base.path("id").asText())
                    .put("license", base.path("license").asText("unknown"));
        }
    }

    private static void security(ObjectNode security, List<CheckRunView> runs, List<Quarantine> history) {
        ArrayNode checks = security.putArray("checks");
        for (CheckRunView run : runs) {
            ObjectNode check = checks.addObject().put("check", run.check()).put("plugin", run.pluginId())
                    .put("status", run.status().name()).put("verdict", run.verdict() == null ? "" : run.verdict());
            if (run.finishedAt() != null) {
                check.put("finishedAt", run.finishedAt().toString());
            }
            ArrayNode findings = check.putArray("findings");
            for (Finding f : run.findings()) {
                findings.addObject().put("severity", f.severity().name()).put("code", f.code())
                        .put("path", f.path() == null ? "" : f.path()).put("message", f.message());
            }
        }
        ArrayNode quarantines = security.putArray("quarantines");
        for (Quarantine q : history) {
            ObjectNode node = quarantines.addObject().put("scope", q.path().orElse("the whole repository"))
                    .put("reason", q.reason()).put("source", q.source()).put("imposedAt", q.imposedAt().toString())
                    .put("active", q.liftedAt().isEmpty());
            q.liftedAt().ifPresent(t -> node.put("liftedAt", t.toString()));
            q.liftNote().ifPresent(n -> node.put("liftNote", n));
        }
    }

    private static void evaluations(ArrayNode list, List<EvaluationRow> runs) {
        for (EvaluationRow run : runs) {
            ObjectNode node = list.addObject().put("run", "/api/v1/evaluations/" + run.id()).put("task", run.task())
                    .put("bias", EvaluationRuns.isBias(run)).put("modelCommit", run.modelCommit().orElse(""))
                    .put("datasetCommit", run.datasetCommit()).put("taskSha256", run.taskSha256())
                    .put("numFewshot", run.numFewshot()).put("seed", run.seed())
                    .put("finishedAt", run.finishedAt().map(Instant::toString).orElse(""));
            node.set("metrics", run.metrics().orElse(JSON.createObjectNode()));
            node.set("runner", run.record().path("runner"));
        }
    }


    private static void card(ObjectNode card, List<CardCompleteness.Field> fields) {
        card.put("completeness", Math.round(CardCompleteness.score(fields) * 1000) / 1000.0);
        ArrayNode all = card.putArray("fields");
        ArrayNode gaps = card.putArray("gaps");
        for (CardCompleteness.Field f : fields) {
            all.addObject().put("id", f.id()).put("framework", f.framework()).put("name", f.name())
                    .put("present", f.present()).put("evidence", f.evidence());
            if (!f.present()) {
                gaps.addObject().put("field", f.id()).put("framework", f.framework()).put("name", f.name());
            }
        }
    }

    private void governance(ObjectNode governance, RepoView repo, Optional<Caller> caller) {
        ArrayNode curations = governance.putArray("curation");
        for (CurationRequest r : curation.ofRepo(repo)) {
            ObjectNode node = curations.addObject().put("commit", r.commit()).put("status", r.status().name())
                    .put("submittedAt", r.submittedAt().toString());
            r.submittedBy().ifPresent(b -> node.put("submittedBy", b));
            r.decidedBy().ifPresent(b -> node.put("decidedBy", b));
            r.decidedAt().ifPresent(t -> node.put("decidedAt", t.toString()));
            r.tag().ifPresent(t -> node.put("tag", t));
        }
        ObjectNode requests = governance.putObject("accessRequests").put("gated", repo.gated() != Gating.off);
        for (RequestStatus status : RequestStatus.values()) {
            requests.put(status.name(), repo.gated() == Gating.off ? 0 : accessRequests.list(repo, status).size());
        }
        ObjectNode chain = governance.putObject("auditChain");
        if (caller.filter(Caller::isAdmin).isPresent()) {
            AuditVerifier.Verification v = auditChain.verify();
            chain.put("verified", v.ok()).put("events", v.events());
            if (!v.ok()) {
                chain.put("firstBrokenId", v.firstBrokenId()).put("reason", v.reason());
            }
        } else {
            chain.putNull("verified").put("note", "Verified in reports read by administrators: the check reads every"
                    + " event of the audit log.");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof String s && !s.isBlank()) {
            out.add(s);
        } else if (value instanceof List<?> list) {
            list.forEach(v -> out.add(String.valueOf(v)));
        } else if (value instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).keySet().forEach(out::add);
        }
        return out;
    }
}
