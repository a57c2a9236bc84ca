package dev.stoa.hub.web.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stoa.hub.deployment.DeploymentRequest;
import dev.stoa.hub.deployment.DeploymentRow;
import dev.stoa.hub.deployment.Deployments;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.external.ExternalModels;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.inference.ModelTargets;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.RepoView;
import dev.stoa.hub.web.CsrfTokens;
import dev.stoa.hub.web.PageContext;
import dev.stoa.hub.web.PortalPaths;
import dev.stoa.hub.web.PortalRepos;
import dev.stoa.ui.pages.DeployPage;
import dev.stoa.ui.pages.DeploymentPage;
import dev.stoa.ui.pages.DeploymentsPage;
import dev.stoa.ui.view.deploy.DeployForm;
import dev.stoa.ui.view.deploy.DeploymentItem;
import dev.stoa.ui.view.deploy.ExternalModelItem;
import dev.stoa.ui.view.deploy.RunnerVerdict;
import dev.stoa.ui.view.deploy.StatusStep;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code /deployments}, {@code /deployments/{owner}/{name}} and a model's {@code /{ns}/{name}/deploy}: the portal
 * over {@link Deployments}, whose rules (writers deploy, members see, quotas) answer every form; the deployments page
 * also lists the external models the viewer may call, marked with their provider.
 */
@Path("/")
@Blocking
public class DeploymentsController {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final PageContext pages;
    private final SecurityIdentity identity;
    private final CsrfTokens csrf;
    private final PortalRepos portal;
    private final Deployments deployments;
    private final ExternalModels externalModels;
    private final ModelTargets targets;
    private final ObjectMapper json;

    public DeploymentsController(PageContext pages, SecurityIdentity identity, CsrfTokens csrf, PortalRepos portal,
            Deployments deployments, ExternalModels externalModels, ModelTargets targets, ObjectMapper json) {
        this.pages = pages;
        this.identity = identity;
        this.csrf = csrf;
        this.portal = portal;
        this.deployments = deployments;
        this.externalModels = externalModels;
        this.targets = targets;
        this.json = json;
    }

    @GET
    @Path("/deployments")
    @Produces(MediaType.TEXT_HTML)
    public DeploymentsPage list(@QueryParam("owner") String owner, @QueryParam("notice") String notice) {
        Caller caller = Caller.signedIn(identity, "see your deployments");
        Optional<String> shown = Optional.ofNullable(owner).filter(o -> !o.isBlank());
        List<DeploymentItem> items = deployments.list(caller, shown, Optional.empty()).stream().map(this::item).toList();
        String quota = shown.map(o -> {
            Deployments.QuotaUse use = deployments.quota(caller, o);
            return use.account() + " has " + use.used().deployments() + " of " + use.quota().deployments()
                    + " deployments and uses " + use.used().gpus() + " of " + use.quota().gpus() + " GPUs.";
        }).orElse(null);
        List<ExternalModelItem> externals = externalModels.usable(caller).stream()
                .map(m -> new ExternalModelItem(m.id(), m.provider(), m.description(), m.orgName().orElse(null))).toList();
        return new DeploymentsPage(pages.site(), pages.viewer(identity), shown.orElse(null),
                deployments.visibleOwners(caller), items, quota, "deleted".equals(notice) ? "Deployment deleted." : null,
                externals);
    }

    @GET
    @Path("/deployments/{owner}/{name}")
    @Produces(MediaType.TEXT_HTML)
    public DeploymentPage show(@PathParam("owner") String owner, @PathParam("name") String name) {
        Caller caller = Caller.signedIn(identity, "see this deployment");
        DeploymentRow row = deployments.get(caller, owner, name);
        List<StatusStep> history = deployments.history(row).stream()
                .map(s -> new StatusStep(s.state().name().toLowerCase(Locale.ROOT), s.message(), MINUTE.format(s.at())))
                .toList();
        return new DeploymentPage(pages.site(), pages.viewer(identity), item(row), history,
                deployments.canDelete(caller, row), null);
    }

    @POST
    @Path("/deployments/{owner}/{name}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@PathParam("owner") String owner, @PathParam("name") String name,
            @FormParam(CsrfTokens.FIELD) String token) {
        csrf.verify(token);
        deployments.delete(Caller.signedIn(identity, "delete this deployment"), owner, name);
        return Response.seeOther(URI.create("/deployments?notice=deleted")).build();
    }

    @GET
    @Path(PortalPaths.REPO + "/deploy")
    @Produces(MediaType.TEXT_HTML)
    public DeployPage deployPage(@PathParam("kind") String kind, @PathParam("ns") String ns, @PathParam("name") String name) {
        Caller caller = Caller.signedIn(identity, "deploy this model");
        RepoView repo = model(kind, ns, name);
        return page(caller, repo, new DeployForm(DeploymentRequest.nameFrom(repo.repoId().name()), caller.name(), deployments.deployableOwners(caller),
                null, "", "", "", "", "", "", ""), null);
    }

    @POST
    @Path(PortalPaths.REPO + "/deploy")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response deploy(@PathParam("kind") String kind, @PathParam("ns") String ns, @PathParam("name") String name,
            @FormParam(CsrfTokens.FIELD) String token, @FormParam("name") String deployment,
            @FormParam("owner") String owner, @FormParam("runner") String runner, @FormParam("cpu") String cpu,
            @FormParam("memory") String memory, @FormParam("gpus") String gpus, @FormParam("gpuType") String gpuType,
            @FormParam("adapters") String adapters, @FormParam("options") String options,
            @FormParam("scaleToZero") String scaleToZero) {
        csrf.verify(token);
        Caller caller = Caller.signedIn(identity, "deploy this model");
        RepoView repo = model(kind, ns, name);
        DeployForm typed = new DeployForm(text(deployment), text(owner), deployments.deployableOwners(caller), text(runner),
                text(cpu), text(memory), text(gpus), text(gpuType), text(adapters), text(options), text(scaleToZero));
        try {
            Deployments.Created created = deployments.create(caller, DeploymentRequest.parse(body(repo, typed)));
            return Response.seeOther(URI.create(item(created.deployment()).url())).build();
        } catch (ApiException e) {
            if (e.status() == 401) {
                throw e;
            }
            return Response.status(e.status()).entity(page(caller, repo, typed, e.getMessage()))
                    .type(MediaType.TEXT_HTML_TYPE).build();
        }
    }

    /** The form as the API's JSON body, so both go through one set of checks. */
    private ObjectNode body(RepoView repo, DeployForm form) {
        ObjectNode body = json.createObjectNode().put("model", repo.repoId().id());
        putIfGiven(body, "name", form.name());
        putIfGiven(body, "owner", form.owner());
        putIfGiven(body, "runner", form.runner());
        ObjectNode resources = body.putObject("resources");
        putIfGiven(resources, "cpu", form.cpu());
        putIfGiven(resources, "memory", form.memory());
        putIfGiven(resources, "gpuType", form.gpuType());
        if (!form.gpus().isBlank()) {
            resources.put("gpus", number("GPUs", form.gpus()));
        }
        if (!form.scaleToZero().isBlank()) {
            body.put("scaleToZeroTimeout", number("Scale to zero", form.scaleToZero()));
        }
        ArrayNode adapters = body.putArray("adapters");
        form.adapters().lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(adapters::add);
        ObjectNode options = body.putObject("engineOptions");
        for (String line : form.options().lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw ApiException.invalidField("engineOptions", "'" + line + "' is not key=value.");
            }
            options.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        return body;
    }

    private static long number(String field, String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw ApiException.invalidField(field, field + " is a whole number; '" + text + "' is not.");
        }
    }

    private static void putIfGiven(ObjectNode node, String field, String value) {
        if (value != null && !value.isBlank()) {
            node.put(field, value.strip());
        }
    }

    private DeployPage page(Caller caller, RepoView repo, DeployForm form, String error) {
        List<RunnerVerdict> verdicts;
        try {
            verdicts = deployments.verdicts(targets.resolve(repo.repoId().id(), Optional.of(caller))).entrySet().stream()
                    .map(v -> new RunnerVerdict(v.getKey(), v.getValue().orElse(null))).toList();
        } catch (ApiException e) {
            verdicts = List.of(new RunnerVerdict("any runner", e.getMessage()));
        }
        DeployForm shown = form.runner() == null ? new DeployForm(form.name(), form.owner(), form.owners(),
                verdicts.stream().filter(RunnerVerdict::accepts).map(RunnerVerdict::runner).findFirst().orElse(""),
                form.cpu(), form.memory(), form.gpus(), form.gpuType(), form.adapters(), form.options(),
                form.scaleToZero()) : form;
        List<DeploymentItem> items = deployments.list(caller, Optional.empty(), Optional.of(repo.repoId().id())).stream()
                .map(this::item).toList();
        return new DeployPage(pages.site(), pages.viewer(identity), portal.header(repo, "deploy", "main"), verdicts,
                shown, items, error);
    }

    private RepoView model(String kind, String ns, String name) {
        if (PortalPaths.type(kind) != RepoType.model) {
            throw new NotFoundException();
        }
        return portal.writable(RepoType.model, ns, name);
    }

    private DeploymentItem item(DeploymentRow row) {
        StringBuilder resources = new StringBuilder();
        if (row.resources().gpuCount() > 0) {
            resources.append(row.resources().gpuCount()).append(" GPU")
                    .append(row.resources().gpuCount() > 1 ? "s" : "")
                    .append(row.resources().gpuType().isBlank() ? "" : " (" + row.resources().gpuType() + ")");
        }
        if (row.resources().cpuMillis() > 0) {
            resources.append(resources.isEmpty() ? "" : ", ").append(row.resources().cpuMillis() / 1000.0).append(" CPU");
        }
        if (row.resources().memoryBytes() > 0) {
            resources.append(resources.isEmpty() ? "" : ", ").append(row.resources().memoryBytes() >> 20).append(" MiB");
        }
        return new DeploymentItem(row.fullName(), row.model().id(), row.model().commit(),
                row.adapters().stream().map(DeploymentRow.Pinned::id).toList(), row.runner(),
                row.state().name().toLowerCase(Locale.ROOT), row.message(),
                resources.isEmpty() ? "runner's defaults" : resources.toString(), row.scaleToZeroMinutes(),
                row.createdBy(), MINUTE.format(row.createdAt()), MINUTE.format(row.updatedAt()), row.modelNames());
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
