package dev.stoa.hub.web.policy;

import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.identity.AccountView;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.policy.Policies;
import dev.stoa.hub.policy.PolicyVersion;
import dev.stoa.hub.web.CsrfTokens;
import dev.stoa.hub.web.PageContext;
import dev.stoa.ui.pages.PolicyEditorPage;
import dev.stoa.ui.view.policy.PolicyForm;
import io.quarkus.security.identity.SecurityIdentity;
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
import jakarta.ws.rs.core.UriBuilder;

import java.util.List;

/**
 * The policy editors: {@code /admin/policy} (platform admins) and {@code /organizations/{org}/policy} (members
 * read it, its admins save new versions), through {@link Policies} and its rules.
 */
@Path("/")
public class PolicyPagesController {

    private static final int PAGE = 20;

    private final PageContext pages;
    private final SecurityIdentity identity;
    private final CsrfTokens csrf;
    private final Policies policies;

    public PolicyPagesController(PageContext pages, SecurityIdentity identity, CsrfTokens csrf, Policies policies) {
        this.pages = pages;
        this.identity = identity;
        this.csrf = csrf;
        this.policies = policies;
    }

    @GET
    @Path("admin/policy")
    @Produces(MediaType.TEXT_HTML)
    public Response platform(@QueryParam("notice") String notice, @QueryParam("before") Integer before) {
        Caller caller = signedIn("edit the platform policy");
        PolicyVersion current = policies.platform(caller);
        return platformPage(caller, PolicyForms.of(current.policy()), "saved".equals(notice) ? "New version saved." : null,
                null, before, 200);
    }

    @POST
    @Path("admin/policy")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response savePlatform(@FormParam(CsrfTokens.FIELD) String csrfToken, @jakarta.ws.rs.BeanParam Fields fields) {
        csrf.verify(csrfToken);
        Caller caller = signedIn("edit the platform policy");
        PolicyForm form = fields.form();
        try {
            policies.savePlatform(caller, PolicyForms.policy(form), PolicyForms.note(form));
        } catch (ApiException e) {
            if (e.status() != 400 && e.status() != 409) {
                throw e;
            }
            return platformPage(caller, form, null, e.getMessage(), null, e.status());
        }
        return Response.seeOther(UriBuilder.fromPath("/admin/policy").queryParam("notice", "saved").build()).build();
    }

    @GET
    @Path("organizations/{org}/policy")
    @Produces(MediaType.TEXT_HTML)
    public Response organization(@PathParam("org") String org, @QueryParam("notice") String notice,
                                 @QueryParam("before") Integer before) {
        Caller caller = signedIn("see the policy of " + org);
        PolicyVersion current = policies.organization(caller, org);
        return orgPage(caller, org, PolicyForms.of(current.policy()), "saved".equals(notice) ? "New version saved." : null,
                null, before, 200);
    }

    @POST
    @Path("organizations/{org}/policy")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response saveOrganization(@PathParam("org") String org, @FormParam(CsrfTokens.FIELD) String csrfToken,
                                     @jakarta.ws.rs.BeanParam Fields fields) {
        csrf.verify(csrfToken);
        Caller caller = signedIn("change the policy of " + org);
        PolicyForm form = fields.form();
        try {
            policies.saveOrganization(caller, org, PolicyForms.policy(form), PolicyForms.note(form));
        } catch (ApiException e) {
            if (e.status() != 400 && e.status() != 409) {
                throw e;
            }
            return orgPage(caller, org, form, null, e.getMessage(), null, e.status());
        }
        return Response.seeOther(UriBuilder.fromPath("/organizations/{org}/policy").queryParam("notice", "saved").build(org)).build();
    }

    /** The editor's form fields. */
    public static class Fields {
        @FormParam("requiredChecks") String requiredChecks;
        @FormParam("licensesAllowed") String licensesAllowed;
        @FormParam("licensesDenied") String licensesDenied;
        @FormParam("licensesNeedsReview") String licensesNeedsReview;
        @FormParam("onFailedCheck") String onFailedCheck;
        @FormParam("membersPublishWithoutReview") String membersPublishWithoutReview;
        @FormParam("requiredCardFields") String requiredCardFields;
        @FormParam("minCardCompleteness") String minCardCompleteness;
        @FormParam("requiredEvaluations") String requiredEvaluations;
        @FormParam("note") String note;

        PolicyForm form() {
            return new PolicyForm(requiredChecks, licensesAllowed, licensesDenied, licensesNeedsReview, onFailedCheck,
                    "true".equals(membersPublishWithoutReview), requiredCardFields,
                    minCardCompleteness == null ? "" : minCardCompleteness, requiredEvaluations, note);
        }
    }

    private Response platformPage(Caller caller, PolicyForm form, String notice, String error, Integer before, int status) {
        List<PolicyVersion> history = policies.platformHistory(caller, PAGE, before(before));
        String inForce = policies.platform(caller).label();
        return page(status, new PolicyEditorPage(pages.site(), pages.viewer(identity), null, inForce, false, true,
                "/admin/policy", form, history.stream().map(PolicyForms::row).toList(), next(history, "/admin/policy"),
                notice, error));
    }

    private Response orgPage(Caller caller, String org, PolicyForm form, String notice, String error, Integer before, int status) {
        AccountView account = policies.requireOrg(org);
        PolicyVersion current = policies.organization(caller, account.name());
        List<PolicyVersion> history = policies.organizationHistory(caller, account.name(), PAGE, before(before));
        String base = UriBuilder.fromPath("/organizations/{org}/policy").build(account.name()).toString();
        return page(status, new PolicyEditorPage(pages.site(), pages.viewer(identity), account.name(), current.label(),
                current.organization().isEmpty(), policies.administers(caller, account), base, form,
                history.stream().map(PolicyForms::row).toList(), next(history, base), notice, error));
    }

    private static Response page(int status, PolicyEditorPage page) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(page).build();
    }

    private static int before(Integer before) {
        return before == null || before < 1 ? Integer.MAX_VALUE : before;
    }

    private static String next(List<PolicyVersion> history, String base) {
        return history.size() == PAGE ? base + "?before=" + history.getLast().version() : null;
    }

    private Caller signedIn(String toDoWhat) {
        return Caller.signedIn(identity, toDoWhat);
    }
}
