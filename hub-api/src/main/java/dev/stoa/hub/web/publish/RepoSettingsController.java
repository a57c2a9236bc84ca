package dev.stoa.hub.web.publish;

import dev.stoa.hub.access.RepoAccess;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.identity.AccountView;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.repo.Gating;
import dev.stoa.hub.repo.RepoService;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.RepoView;
import dev.stoa.hub.web.CsrfTokens;
import dev.stoa.hub.web.PageContext;
import dev.stoa.hub.web.PortalPaths;
import dev.stoa.hub.web.PortalRepos;
import dev.stoa.ui.pages.RepoSettingsPage;
import dev.stoa.ui.view.Choice;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * {@code /{ns}/{name}/settings} (and under {@code /datasets}): visibility, gating, rename or move, delete with a
 * typed confirmation. Only those who may administer the repository ({@link RepoAccess#requireAdministrable}) see it.
 */
@Path("/")
@Blocking
@Produces(MediaType.TEXT_HTML)
public class RepoSettingsController {

    private final PageContext pages;
    private final SecurityIdentity identity;
    private final CsrfTokens csrf;
    private final PortalRepos portal;
    private final RepoAccess access;
    private final RepoService repos;
    private final PublishSupport support;

    public RepoSettingsController(PageContext pages, SecurityIdentity identity, CsrfTokens csrf, PortalRepos portal,
                                  RepoAccess access, RepoService repos, PublishSupport support) {
        this.pages = pages;
        this.identity = identity;
        this.csrf = csrf;
        this.portal = portal;
        this.access = access;
        this.repos = repos;
        this.support = support;
    }

    @GET
    @Path(PortalPaths.REPO + "/settings")
    public RepoSettingsPage settingsPage(@PathParam("kind") String kind, @PathParam("ns") String ns, @PathParam("name") String name,
                                         @QueryParam("saved") String saved) {
        return show(PortalPaths.type(kind), ns, name, saved);
    }

    @POST
    @Path(PortalPaths.REPO + "/settings")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response updateSettings(@PathParam("kind") String kind, @PathParam("ns") String ns, @PathParam("name") String name,
                                   @FormParam(CsrfTokens.FIELD) String token,
                                   @FormParam("visibility") String visibility, @FormParam("gated") String gated) {
        return update(PortalPaths.type(kind), ns, name, token, visibility, gated);
    }

    @POST
    @Path(PortalPaths.REPO + "/settings/move")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response moveRepo(@PathParam("kind") String kind, @PathParam("ns") String ns, @PathParam("name") String name,
                             @FormParam(CsrfTokens.FIELD) String token,
                             @FormParam("owner") String owner, @FormParam("name") String newName) {
        return move(PortalPaths.type(kind), ns, name, token, owner, newName);
    }

    @POST
    @Path(PortalPaths.REPO + "/settings/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response deleteRepo(@PathParam("kind") String kind, @PathParam("ns") String ns, @PathParam("name") String name,
                               @FormParam(CsrfTokens.FIELD) String token,
                               @FormParam("confirm") String confirm) {
        return delete(PortalPaths.type(kind), ns, name, token, confirm);
    }

    private RepoSettingsPage show(RepoType type, String ns, String name, String saved) {
        RepoView repo = portal.administrable(type, ns, name);
        String notice = switch (saved == null ? "" : saved) {
            case "settings" -> "Settings saved.";
            case "moved" -> "The repository is now " + repo.repoId().id() + ".";
            default -> null;
        };
        return page(repo, repo.repoId().name(), notice, null);
    }

    private Response update(RepoType type, String ns, String name, String token, String visibility, String gated) {
        csrf.verify(token);
        RepoView repo = portal.administrable(type, ns, name);
        try {
            Optional<Boolean> isPrivate = switch (visibility == null ? "" : visibility) {
                case "" -> Optional.empty();
                case "public" -> Optional.of(false);
                case "private" -> Optional.of(true);
                default -> throw ApiException.invalidField("visibility", "Choose public or private.");
            };
            Optional<Gating> gating;
            try {
                gating = gated == null || gated.isEmpty() ? Optional.empty() : Optional.of(Gating.valueOf(gated));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidField("gated", "Choose off, auto or manual gating.");
            }
            RepoView updated = repos.updateSettings(repo, isPrivate, gating);
            return seeOther(updated, "settings");
        } catch (ApiException e) {
            return refused(repo, repo.repoId().name(), e);
        }
    }

    private Response move(RepoType type, String ns, String name, String token, String owner, String newName) {
        csrf.verify(token);
        RepoView repo = portal.administrable(type, ns, name);
        Caller caller = portal.caller().orElseThrow();
        String typed = newName == null ? "" : newName.strip();
        try {
            AccountView target = access.requireWritableNamespace(caller, owner == null || owner.isBlank() ? ns : owner);
            RepoView moved = repos.move(repo, target, typed);
            return seeOther(moved, "moved");
        } catch (ApiException e) {
            return refused(repo, typed, e);
        }
    }

    private Response delete(RepoType type, String ns, String name, String token, String confirm) {
        csrf.verify(token);
        RepoView repo = portal.administrable(type, ns, name);
        if (confirm == null || !confirm.strip().equals(repo.repoId().id())) {
            return refused(repo, repo.repoId().name(), ApiException.invalidField("confirm", "The repository was not deleted: type its name "
                    + repo.repoId().id() + " exactly to confirm."));
        }
        repos.delete(repo);
        return Response.seeOther(URI.create("/" + repo.repoId().namespace())).build();
    }

    private Response refused(RepoView repo, String typedName, ApiException e) {
        if (!PublishSupport.fixableOnForm(e)) {
            throw e;
        }
        return Response.status(e.status()).entity(page(repo, typedName, null, e.getMessage())).build();
    }

    private static Response seeOther(RepoView repo, String saved) {
        return Response.seeOther(URI.create(PortalPaths.page(repo.repoId()) + "/settings?saved=" + saved)).build();
    }

    private RepoSettingsPage page(RepoView repo, String newName, String notice, String error) {
        Caller caller = portal.caller().orElseThrow();
        List<Choice> gating = List.of(
                new Choice("off", "Off: anyone who can see it downloads", repo.gated() == Gating.off),
                new Choice("auto", "Automatic: requests are accepted at once", repo.gated() == Gating.auto),
                new Choice("manual", "Manual: an owner accepts each request", repo.gated() == Gating.manual));
        return new RepoSettingsPage(pages.site(), pages.viewer(identity), portal.header(repo, "settings", "main"), gating,
                support.owners(caller, repo.repoId().namespace()), newName, notice, error);
    }
}
