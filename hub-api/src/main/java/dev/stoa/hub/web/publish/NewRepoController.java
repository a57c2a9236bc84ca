package dev.stoa.hub.web.publish;

import dev.stoa.hub.access.RepoAccess;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.identity.AccountView;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.repo.CommitRequest;
import dev.stoa.hub.repo.CommitService;
import dev.stoa.hub.repo.FileOperation;
import dev.stoa.hub.repo.Refs;
import dev.stoa.hub.repo.RepoCreation;
import dev.stoa.hub.repo.RepoId;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.RepoView;
import dev.stoa.hub.web.CsrfTokens;
import dev.stoa.hub.web.PageContext;
import dev.stoa.hub.web.PortalPaths;
import dev.stoa.ui.pages.NewRepoPage;
import dev.stoa.ui.view.Choice;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /new}: the form that creates a repository, through the same services and rules as {@code /api/repos/create}. */
@Path("/new")
@Blocking
public class NewRepoController {

    /** Licence ids as the Hub writes them in a card's {@code license} field, with what people call them. */
    static final Map<String, String> LICENSES = licenses();

    private final PageContext pages;
    private final SecurityIdentity identity;
    private final CsrfTokens csrf;
    private final RepoAccess access;
    private final RepoCreation creation;
    private final CommitService commits;
    private final PublishSupport support;

    public NewRepoController(PageContext pages, SecurityIdentity identity, CsrfTokens csrf, RepoAccess access,
                             RepoCreation creation, CommitService commits, PublishSupport support) {
        this.pages = pages;
        this.identity = identity;
        this.csrf = csrf;
        this.access = access;
        this.creation = creation;
        this.commits = commits;
        this.support = support;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public NewRepoPage form(@QueryParam("type") String type, @QueryParam("owner") String owner) {
        Caller caller = PublishSupport.signedIn(Caller.of(identity), "create a repository");
        List<Choice> owners = support.owners(caller, owner);
        boolean isPrivate = owners.stream().filter(Choice::selected).anyMatch(Choice::flag);
        return page(caller, "dataset".equals(type), owners, "", isPrivate, "", null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response create(@FormParam(CsrfTokens.FIELD) String token, @FormParam("type") String type,
                           @FormParam("owner") String owner, @FormParam("name") String name,
                           @FormParam("visibility") String visibility, @FormParam("license") String license) {
        csrf.verify(token);
        Caller caller = PublishSupport.signedIn(Caller.of(identity), "create a repository");
        boolean dataset = "dataset".equals(type);
        String typed = name == null ? "" : name.strip();
        boolean isPrivate = "private".equals(visibility);
        String chosenLicense = license == null ? "" : license;
        try {
            RepoId.checkName("name", typed);
            if (!chosenLicense.isEmpty() && !LICENSES.containsKey(chosenLicense)) {
                throw ApiException.invalidField("license", "'" + chosenLicense + "' is not one of the licences offered; pick one from the list.");
            }
            if (visibility != null && !visibility.equals("public") && !visibility.equals("private")) {
                throw ApiException.invalidField("visibility", "Choose public or private.");
            }
            AccountView namespace = access.requireWritableNamespace(caller, owner == null || owner.isBlank() ? caller.name() : owner);
            RepoView created = creation.create(caller, namespace, dataset ? RepoType.dataset : RepoType.model, typed, isPrivate);
            if (!chosenLicense.isEmpty()) {
                String card = "---\nlicense: " + chosenLicense + "\n---\n\n# " + typed + "\n";
                commits.commit(created, caller, new CommitRequest(Refs.MAIN, Optional.empty(), "Add the card with its licence",
                        null, List.of(new FileOperation.PutFile("README.md", card.getBytes(StandardCharsets.UTF_8))), false));
            }
            return Response.seeOther(URI.create(PortalPaths.page(created.repoId()))).build();
        } catch (ApiException e) {
            if (!PublishSupport.fixableOnForm(e)) {
                throw e;
            }
            return Response.status(e.status())
                    .entity(page(caller, dataset, support.owners(caller, owner), typed, isPrivate, chosenLicense, e.getMessage()))
                    .build();
        }
    }

    private NewRepoPage page(Caller caller, boolean dataset, List<Choice> owners, String name, boolean isPrivate,
                             String license, String error) {
        List<Choice> licenses = new ArrayList<>();
        licenses.add(new Choice("", "None yet", license.isEmpty()));
        LICENSES.forEach((id, label) -> licenses.add(new Choice(id, label, id.equals(license))));
        return new NewRepoPage(pages.site(), pages.viewer(identity), dataset, owners, name, isPrivate, licenses, error);
    }

    private static Map<String, String> licenses() {
        Map<String, String> licenses = new LinkedHashMap<>();
        licenses.put("apache-2.0", "Apache 2.0");
        licenses.put("mit", "MIT");
        licenses.put("bsd-3-clause", "BSD 3-Clause");
        licenses.put("cc-by-4.0", "Creative Commons Attribution 4.0");
        licenses.put("cc-by-sa-4.0", "Creative Commons Attribution-ShareAlike 4.0");
        licenses.put("cc-by-nc-4.0", "Creative Commons Attribution-NonCommercial 4.0");
        licenses.put("cc0-1.0", "Creative Commons Zero 1.0");
        licenses.put("openrail", "OpenRAIL");
        licenses.put("openrail++", "OpenRAIL++");
        licenses.put("llama3", "Llama 3 Community License");
        licenses.put("gemma", "Gemma Terms of Use");
        licenses.put("gpl-3.0", "GNU GPL 3.0");
        licenses.put("other", "Other (describe it in the card)");
        return licenses;
    }
}
