package dev.stoa.hub.deployment;

import dev.stoa.hub.access.RepoAccess;
import dev.stoa.hub.config.StoaConfig;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.event.Change;
import dev.stoa.hub.event.Outbox;
import dev.stoa.hub.identity.AccountService;
import dev.stoa.hub.identity.AccountView;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.identity.OrgRole;
import dev.stoa.hub.inference.EngineLease;
import dev.stoa.hub.inference.ModelTarget;
import dev.stoa.hub.inference.ModelTargets;
import dev.stoa.hub.inference.RunnerLifecycle;
import dev.stoa.hub.plugin.PluginHost;
import dev.stoa.hub.plugin.PluginRunner;
import dev.stoa.hub.repo.RepoId;
import dev.stoa.hub.repo.RepoService;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.spi.inference.Admission;
import dev.stoa.spi.inference.AdapterRef;
import dev.stoa.spi.inference.DeploymentSpec;
import dev.stoa.spi.inference.DeploymentStatus;
import dev.stoa.spi.inference.Resources;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creating, reading and deleting deployments, and finding the one that serves a request's model. Deploying takes write
 * access to the model (or to each adapter deployed on a base one may only read), the write role in the owner's
 * namespace and room in its quota; the runner admits the spec from the models' facts before anything is stored.
 * Members of the owner see its deployments; administrators see all.
 */
@ApplicationScoped
public class Deployments {

    private final DeploymentStore store;
    private final DeploymentRuntime runtime;
    private final ModelTargets targets;
    private final RepoAccess access;
    private final RepoService repos;
    private final AccountService accounts;
    private final PluginHost plugins;
    private final RunnerLifecycle lifecycle;
    private final Outbox outbox;
    private final StoaConfig.Inference settings;

    Deployments(DeploymentStore store, DeploymentRuntime runtime, ModelTargets targets, RepoAccess access,
            RepoService repos, AccountService accounts, PluginHost plugins, RunnerLifecycle lifecycle, Outbox outbox,
            StoaConfig config) {
        this.store = store;
        this.runtime = runtime;
        this.targets = targets;
        this.access = access;
        this.repos = repos;
        this.accounts = accounts;
        this.plugins = plugins;
        this.lifecycle = lifecycle;
        this.outbox = outbox;
        this.settings = config.inference();
    }

    /** A deployment and whether this call created it (false: an identical one existed, as on a retried request). */
    public record Created(DeploymentRow deployment, boolean created) {
    }

    public Created create(Caller caller, DeploymentRequest request) {
        caller.requireWrite();
        AccountView owner = ownerFor(caller, request.owner().orElse(caller.name()));
        ModelTarget named = targets.resolve(request.model(), Optional.of(caller));
        ModelTarget base = named.servedBase();
        List<ModelTarget> adapters = new ArrayList<>();
        if (named.isAdapter()) {
            adapters.add(named);
        }
        for (String a : request.adapters()) {
            ModelTarget adapter = targets.resolve(a, Optional.of(caller));
            if (!adapter.isAdapter()) {
                throw ApiException.invalidField("adapters", a + " is not a LoRA adapter (it has no adapter_config.json);"
                        + " deploy it as the model instead.");
            }
            if (adapters.stream().anyMatch(t -> t.repo().id() == adapter.repo().id())) {
                throw ApiException.invalidField("adapters", a + " is named twice.");
            }
            adapters.add(adapter);
        }
        requireDeployRight(caller, base, adapters);
        PluginRunner runner = runner(request.runner().orElse(settings.onDemandRunner()));
        String name = request.nameOr(base.repo().repoId().name());
        DeploymentRequest.checkName(name);

        Admission admission = admit(runner, base, adapters, request.task(), request.resources(), request.engineOptions());
        if (!admission.accepted()) {
            throw new ApiException(400, "ModelNotServable", runner.fullName() + " cannot serve this deployment: "
                    + admission.summary() + ".");
        }
        DeploymentStore.NewDeployment wanted = new DeploymentStore.NewDeployment(owner.id(), name, base.repo().id(),
                base.facts().model().commit(), adapters.stream().map(a -> new DeploymentRow.Pinned(a.repo().id(),
                        a.repo().repoId().id(), a.facts().model().commit())).toList(),
                runner.fullName(), request.task(), request.resources(), request.engineOptions(),
                request.scaleToZeroTimeout().orElse(settings.scaleToZeroMinutes()), caller.accountId(), caller.name());
        Created result = QuarkusTransaction.requiringNew().call(() -> insert(caller, owner, wanted));
        if (result.created()) {
            runtime.start(result.deployment(), DeploymentStore.createdMessage(caller.name()));
        }
        return result;
    }

    private Created insert(Caller caller, AccountView owner, DeploymentStore.NewDeployment wanted) {
        DeploymentStore.Usage usage = store.usageLocked(owner.id());
        Optional<DeploymentRow> same = store.find(owner.name(), wanted.name());
        if (same.isPresent()) {
            if (sameSpec(same.get(), wanted)) {
                return new Created(same.get(), false);
            }
            throw ApiException.conflict("DeploymentExists", "There is already a deployment named '" + wanted.name()
                    + "' in " + owner.name() + " with other settings; choose another name or delete that one first.");
        }
        Quota quota = quotaOf(owner);
        if (usage.deployments() + 1 > quota.deployments()) {
            throw ApiException.forbidden(owner.name() + " has " + usage.deployments() + " of its " + quota.deployments()
                    + " deployments; delete one, or ask an administrator to raise the quota"
                    + " (PUT /api/v1/quotas/" + owner.name() + ").");
        }
        if (usage.gpus() + wanted.resources().gpuCount() > quota.gpus()) {
            throw ApiException.forbidden("This deployment asks for " + wanted.resources().gpuCount() + " GPUs and "
                    + owner.name() + "'s deployments use " + usage.gpus() + " of its " + quota.gpus()
                    + "; ask for fewer, or ask an administrator to raise the quota (PUT /api/v1/quotas/" + owner.name() + ").");
        }
        long id = store.insert(wanted, Instant.now());
        DeploymentRow row = store.find(id).orElseThrow();
        outbox.change("deployment.created", row.model().repoId(), Change.of("deployment", row.fullName(), row.ownerId(),
                Map.of(), describe(row)));
        return new Created(row, true);
    }

    private static boolean sameSpec(DeploymentRow row, DeploymentStore.NewDeployment wanted) {
        return row.model().repoId() == wanted.repoId() && row.model().commit().equals(wanted.commit())
                && row.adapters().stream().map(a -> a.repoId() + "@" + a.commit()).toList()
                .equals(wanted.adapters().stream().map(a -> a.repoId() + "@" + a.commit()).toList())
                && row.runner().equals(wanted.runner()) && row.task().equals(wanted.task())
                && row.resources().equals(wanted.resources()) && row.engineOptions().equals(wanted.engineOptions())
                && row.scaleToZeroMinutes() == wanted.scaleToZeroMinutes();
    }

    /** What the audit trail keeps of a deployment: what runs, where, for whom; never engine secrets. */
    private static Map<String, Object> describe(DeploymentRow row) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", row.model().id() + "@" + row.model().commit());
        out.put("adapters", row.adapters().stream().map(a -> a.id() + "@" + a.commit()).toList());
        out.put("runner", row.runner());
        out.put("gpus", row.resources().gpuCount());
        out.put("scaleToZeroMinutes", row.scaleToZeroMinutes());
        return out;
    }

    private AccountView ownerFor(Caller caller, String owner) {
        AccountView account = account(owner);
        if (!hasRole(caller, account.id(), true)) {
            throw ApiException.forbidden("You cannot deploy for '" + account.name() + "': that takes the write or admin"
                    + " role in the organisation.");
        }
        return account;
    }

    private AccountView account(String namespace) {
        return accounts.find(namespace).orElseThrow(() -> ApiException.notFound("NamespaceNotFound",
                "There is no user or organisation '" + namespace + "'."));
    }

    private void requireDeployRight(Caller caller, ModelTarget base, List<ModelTarget> adapters) {
        Optional<Caller> c = Optional.of(caller);
        boolean writesModel = access.canWrite(base.repo(), c);
        boolean writesAdapters = !adapters.isEmpty() && adapters.stream().allMatch(a -> access.canWrite(a.repo(), c));
        if (!writesModel && !writesAdapters) {
            throw ApiException.forbidden("Deploying " + base.repo().repoId().id() + " takes write access to it (or, to"
                    + " serve adapters on it, to each adapter): ask its owner to deploy it or to give you access.");
        }
    }

    private PluginRunner runner(String name) {
        return plugins.enabledRunner(name).orElseThrow(() -> ApiException.invalidField("runner", "There is no enabled"
                + " runner '" + name + "'; the runners here are: " + String.join(", ", plugins.enabledRunners().stream()
                .map(PluginRunner::fullName).sorted().toList()) + "."));
    }

    /** Whether the caller may delete the deployment: the write role in its owner, or an administrator. */
    public boolean canDelete(Caller caller, DeploymentRow row) {
        return caller.canWrite() && hasRole(caller, row.ownerId(), true);
    }

    /** The namespaces the caller may deploy for: their own and the organisations where they have the write role. */
    public List<String> deployableOwners(Caller caller) {
        return owners(caller, true);
    }

    /** The caller's own namespace and those of the organisations they belong to, whose deployments they see. */
    public List<String> visibleOwners(Caller caller) {
        return owners(caller, false);
    }

    private List<String> owners(Caller caller, boolean write) {
        List<String> owners = new ArrayList<>();
        owners.add(caller.name());
        accounts.membershipsOf(caller.accountId()).stream()
                .filter(m -> !write || m.role() == OrgRole.write || m.role() == OrgRole.admin)
                .forEach(m -> owners.add(m.organization()));
        return owners;
    }

    /**
     * Each enabled runner's verdict on serving the model at {@code commit} alone with default resources, for the
     * portal's Deploy tab: empty when it can, else its reasons.
     */
    public Map<String, Optional<String>> verdicts(ModelTarget target) {
        Map<String, Optional<String>> out = new LinkedHashMap<>();
        List<ModelTarget> adapters = target.isAdapter() ? List.of(target) : List.of();
        for (PluginRunner runner : plugins.enabledRunners()) {
            try {
                Admission admission = admit(runner, target.servedBase(), adapters, null, null, null);
                out.put(runner.fullName(), admission.accepted() ? Optional.empty() : Optional.of(admission.summary()));
            } catch (ApiException e) {
                out.put(runner.fullName(), Optional.of(e.getMessage()));
            }
        }
        return out;
    }

    /** The runner's verdict on a spec of {@code base} with {@code adapters}, from their facts. */
    private Admission admit(PluginRunner runner, ModelTarget base, List<ModelTarget> adapters, String task,
            Resources resources, Map<String, String> engineOptions) {
        DeploymentSpec spec = new DeploymentSpec(base.facts().model(), adapters.stream()
                .map(a -> new AdapterRef(a.repo().repoId().id(), a.facts().model())).toList(), task, resources,
                engineOptions);
        return lifecycle.admit(runner, spec, base.facts(), adapters.stream().map(ModelTarget::facts).toList());
    }

    /** Whether the caller is the account, a member of it (with the write role when {@code write}), or an admin. */
    private boolean hasRole(Caller caller, long accountId, boolean write) {
        if (caller.isAdmin() || caller.accountId() == accountId) {
            return true;
        }
        return accounts.roleIn(accountId, caller.accountId())
                .filter(role -> !write || role == OrgRole.write || role == OrgRole.admin).isPresent();
    }

    /** A deployment the caller may see (member of its owner, able to read its model), else 404. */
    public DeploymentRow get(Caller caller, String owner, String name) {
        return store.find(owner, name).filter(row -> visible(caller, row)).orElseThrow(() -> ApiException.notFound(
                "DeploymentNotFound", "There is no deployment " + owner + "/" + name + " that you can see."));
    }

    public List<DeploymentRow.Status> history(DeploymentRow row) {
        return store.history(row.id());
    }

    private boolean visible(Caller caller, DeploymentRow row) {
        return hasRole(caller, row.ownerId(), false) && readable(caller, row);
    }

    private boolean readable(Caller caller, DeploymentRow row) {
        return repos.findById(row.model().repoId()).filter(r -> access.canRead(r, Optional.of(caller))).isPresent();
    }

    /**
     * Deployments the caller may see, newest first: of {@code owner} (which the caller must belong to, unless an
     * administrator), of one repository (as model or adapter), or by default of the caller and their organisations.
     */
    public List<DeploymentRow> list(Caller caller, Optional<String> owner, Optional<String> model) {
        Optional<Long> ownerId = owner.map(o -> {
            AccountView account = account(o);
            if (!hasRole(caller, account.id(), false)) {
                throw ApiException.forbidden("Only members of " + account.name() + " see its deployments.");
            }
            return account.id();
        });
        Optional<Long> repoId = model.map(m -> access.requireReadable(RepoId.parse(RepoType.model, "model", m),
                Optional.of(caller)).id());
        Optional<Long> member = caller.isAdmin() && ownerId.isPresent() ? Optional.empty() : Optional.of(caller.accountId());
        return store.list(member, ownerId, repoId).stream().filter(row -> readable(caller, row)).toList();
    }

    /** Deletes a deployment: the write role in its owner's namespace, or an administrator. */
    public void delete(Caller caller, String owner, String name) {
        caller.requireWrite();
        DeploymentRow row = get(caller, owner, name);
        if (!hasRole(caller, row.ownerId(), true)) {
            throw ApiException.forbidden("Deleting " + row.fullName() + " takes the write or admin role in "
                    + row.owner() + ".");
        }
        boolean deleted = QuarkusTransaction.requiringNew().call(() -> {
            if (!store.delete(row.id())) {
                return false;
            }
            outbox.change("deployment.deleted", row.model().repoId(), Change.of("deployment", row.fullName(),
                    row.ownerId(), describe(row), Map.of()));
            return true;
        });
        runtime.forget(row.id());
        if (!deleted) {
            throw ApiException.notFound("DeploymentNotFound", "The deployment " + row.fullName() + " was just deleted.");
        }
    }

    /**
     * A lease on a deployment serving the request's model, when one exists: for {@code ns/name@revision} one pinned
     * to that commit, for {@code ns/name} any deployment of the repository (at the commit it pinned, whose files
     * must not be quarantined). Ready engines first; failed deployments are not tried.
     */
    public Optional<EngineLease> lease(ModelTarget target, boolean pinnedRevision) {
        ModelTarget base = target.servedBase();
        List<DeploymentRow> candidates = candidates(target, pinnedRevision);
        Optional<DeploymentRow> usable = candidates.stream()
                .filter(row -> row.state() != DeploymentStatus.State.FAILED || runtime.isReady(row.id())).findFirst();
        if (usable.isEmpty()) {
            return candidates.stream().findFirst().map(failed -> {
                throw new ApiException(503, "DeploymentFailed", "The deployment " + failed.fullName() + " serving "
                        + target.name() + " failed: " + failed.message() + "; its owner can delete and create it again.");
            });
        }
        DeploymentRow row = usable.get();
        targets.requireServable(base.repo(), row.model().commit());
        String adapter = "";
        if (target.isAdapter()) {
            DeploymentRow.Pinned pinned = row.adapters().stream().filter(a -> a.repoId() == target.repo().id())
                    .findFirst().orElseThrow();
            targets.requireServable(target.repo(), pinned.commit());
            adapter = target.repo().repoId().id();
        }
        return Optional.of(runtime.lease(row, adapter));
    }

    /** Whether a deployment serves the request's model (ready, starting or stopped; not failed). */
    public boolean serves(ModelTarget target, boolean pinnedRevision) {
        return candidates(target, pinnedRevision).stream().anyMatch(row -> row.state() != DeploymentStatus.State.FAILED);
    }

    private List<DeploymentRow> candidates(ModelTarget target, boolean pinnedRevision) {
        Optional<Long> adapterRepo = target.isAdapter() ? Optional.of(target.repo().id()) : Optional.empty();
        return store.serving(target.servedBase().repo().id(), adapterRepo).stream()
                .filter(row -> !pinnedRevision || pinnedTo(row, target))
                .sorted(Comparator.comparing((DeploymentRow row) -> !runtime.isReady(row.id()))).toList();
    }

    private static boolean pinnedTo(DeploymentRow row, ModelTarget target) {
        String commit = target.facts().model().commit();
        return target.isAdapter()
                ? row.adapters().stream().anyMatch(a -> a.repoId() == target.repo().id() && a.commit().equals(commit))
                : row.model().commit().equals(commit);
    }

    /** The deployments answering on this replica now that the caller may download from. */
    public List<DeploymentRow> served(Optional<Caller> caller) {
        return runtime.served().stream().filter(row -> downloadable(row.model().repoId(), caller)).toList();
    }

    /** Whether the caller may download from the repository (what running it takes). */
    public boolean downloadable(long repoId, Optional<Caller> caller) {
        return repos.findById(repoId).filter(r -> access.canDownload(r, caller)).isPresent();
    }

    /** A quota in force: the one an administrator set, or the configured default. */
    public record Quota(int deployments, int gpus, Optional<String> setBy, Optional<Instant> setAt) {
    }

    Quota quotaOf(AccountView account) {
        return store.quota(account.id()).map(q -> new Quota(q.deployments(), q.gpus(), Optional.of(q.setBy()),
                Optional.of(q.setAt()))).orElse(new Quota(settings.quota().deployments(), settings.quota().gpus(),
                Optional.empty(), Optional.empty()));
    }

    /** An account's quota and what its deployments use: for its members and administrators. */
    public QuotaUse quota(Caller caller, String namespace) {
        AccountView account = account(namespace);
        if (!hasRole(caller, account.id(), false)) {
            throw ApiException.forbidden("Only members of " + account.name() + " and administrators see its quota.");
        }
        return new QuotaUse(account.name(), quotaOf(account), store.usage(account.id()));
    }

    public record QuotaUse(String account, Quota quota, DeploymentStore.Usage used) {
    }

    /** Sets (or with empty values, removes) an account's quota: administrators only; on the audit trail. */
    QuotaUse setQuota(Caller caller, String namespace, Optional<Integer> deployments, Optional<Integer> gpus) {
        if (!caller.isAdmin()) {
            throw ApiException.forbidden("Only administrators set quotas.");
        }
        caller.requireWrite();
        AccountView account = account(namespace);
        QuarkusTransaction.requiringNew().run(() -> {
            Quota before = quotaOf(account);
            if (deployments.isEmpty() && gpus.isEmpty()) {
                store.removeQuota(account.id());
            } else {
                store.setQuota(account.id(), new DeploymentStore.Quota(deployments.orElse(before.deployments()),
                        gpus.orElse(before.gpus()), caller.name(), Instant.now()));
            }
            Quota after = quotaOf(account);
            outbox.change("deployment.quota-changed", 0, Change.of("quota", account.name(), account.id(),
                    Map.of("deployments", before.deployments(), "gpus", before.gpus()),
                    Map.of("deployments", after.deployments(), "gpus", after.gpus())));
        });
        return quota(caller, namespace);
    }
}
