package dev.stoa.hub.web.account;

import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.identity.AccountService;
import dev.stoa.hub.identity.AccountView;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.identity.OrgRole;
import dev.stoa.hub.identity.OrganizationService;
import dev.stoa.hub.web.CsrfTokens;
import dev.stoa.hub.web.PageContext;
import dev.stoa.ui.pages.NewOrganizationPage;
import dev.stoa.ui.pages.OrgMembersPage;
import dev.stoa.ui.pages.OrganizationsPage;
import dev.stoa.ui.view.account.MemberRow;
import dev.stoa.ui.view.account.OrgRow;
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
import java.util.Map;

/**
 * The viewer's organisations ({@code /settings/organizations}), creating one ({@code /organizations/new}) and an
 * organisation's members ({@code /organizations/{org}/members}), through {@link OrganizationService} and its rules:
 * members see the list, admins change it, every member may leave, and the last admin stays.
 */
@Path("/")
public class OrganizationsController {

    private static final Map<String, String> NOTICES = Map.of(
            "created", "Organisation created: you are its admin. Add members below.",
            "added", "Member added.",
            "role", "Role changed.",
            "removed", "Member removed.",
            "left", "You left the organisation.");

    private final PageContext pages;
    private final SecurityIdentity identity;
    private final CsrfTokens csrf;
    private final OrganizationService organizations;
    private final AccountService accounts;

    public OrganizationsController(PageContext pages, SecurityIdentity identity, CsrfTokens csrf,
                                   OrganizationService organizations, AccountService accounts) {
        this.pages = pages;
        this.identity = identity;
        this.csrf = csrf;
        this.organizations = organizations;
        this.accounts = accounts;
    }

    @GET
    @Path("settings/organizations")
    @Produces(MediaType.TEXT_HTML)
    public OrganizationsPage mine(@QueryParam("notice") String notice) {
        Caller caller = Caller.signedIn(identity, "see your organisations");
        List<OrgRow> rows = accounts.membershipsOf(caller.accountId()).stream()
                .map(m -> new OrgRow(m.organization(), m.fullname(), m.role().name())).toList();
        return new OrganizationsPage(pages.site(), pages.viewer(identity), rows, notice == null ? null : NOTICES.get(notice));
    }

    @GET
    @Path("organizations/new")
    @Produces(MediaType.TEXT_HTML)
    public NewOrganizationPage newForm() {
        Caller.signedIn(identity, "create an organisation");
        return new NewOrganizationPage(pages.site(), pages.viewer(identity), null, null, null);
    }

    @POST
    @Path("organizations/new")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response create(@FormParam(CsrfTokens.FIELD) String csrfToken, @FormParam("name") String name,
                           @FormParam("fullname") String fullname) {
        csrf.verify(csrfToken);
        Caller caller = Caller.signedIn(identity, "create an organisation");
        try {
            AccountView org = accounts.createOrganization(caller, name == null ? null : name.strip(),
                    fullname == null || fullname.isBlank() ? null : fullname.strip());
            return Response.seeOther(membersUrl(org.name(), "created")).build();
        } catch (ApiException e) {
            if (!FormErrors.shownOnThePage(e)) {
                throw e;
            }
            return Response.status(e.status()).type(MediaType.TEXT_HTML_TYPE)
                    .entity(new NewOrganizationPage(pages.site(), pages.viewer(identity), name, fullname, e.getMessage()))
                    .build();
        }
    }

    @GET
    @Path("organizations/{org}/members")
    @Produces(MediaType.TEXT_HTML)
    public Response members(@PathParam("org") String org, @QueryParam("notice") String notice) {
        Caller caller = Caller.signedIn(identity, "see the members of " + org);
        return membersPage(caller, org, notice == null ? null : NOTICES.get(notice), null, null, null, 200);
    }

    @POST
    @Path("organizations/{org}/members")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response add(@PathParam("org") String org, @FormParam(CsrfTokens.FIELD) String csrfToken,
                        @FormParam("user") String user, @FormParam("role") String role) {
        csrf.verify(csrfToken);
        Caller caller = Caller.signedIn(identity, "manage the members of " + org);
        try {
            organizations.add(caller, org, user == null ? null : user.strip(), role);
            return Response.seeOther(membersUrl(org, "added")).build();
        } catch (ApiException e) {
            if (!FormErrors.shownOnThePage(e)) {
                throw e;
            }
            return membersPage(caller, org, null, e.getMessage(), user, role, e.status());
        }
    }

    @POST
    @Path("organizations/{org}/members/{user}/role")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response changeRole(@PathParam("org") String org, @PathParam("user") String user,
                               @FormParam(CsrfTokens.FIELD) String csrfToken, @FormParam("role") String role) {
        csrf.verify(csrfToken);
        Caller caller = Caller.signedIn(identity, "manage the members of " + org);
        try {
            organizations.changeRole(caller, org, user, role);
            return Response.seeOther(membersUrl(org, "role")).build();
        } catch (ApiException e) {
            if (!FormErrors.shownOnThePage(e)) {
                throw e;
            }
            return membersPage(caller, org, null, e.getMessage(), null, null, e.status());
        }
    }

    /** Removes a member (admins) or leaves (the member itself). */
    @POST
    @Path("organizations/{org}/members/{user}/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response remove(@PathParam("org") String org, @PathParam("user") String user,
                           @FormParam(CsrfTokens.FIELD) String csrfToken) {
        csrf.verify(csrfToken);
        Caller caller = Caller.signedIn(identity, "manage the members of " + org);
        try {
            organizations.remove(caller, org, user);
        } catch (ApiException e) {
            if (!FormErrors.shownOnThePage(e)) {
                throw e;
            }
            return membersPage(caller, org, null, e.getMessage(), null, null, e.status());
        }
        if (user.equalsIgnoreCase(caller.name())) {
            return Response.seeOther(UriBuilder.fromPath("/settings/organizations").queryParam("notice", "left").build()).build();
        }
        return Response.seeOther(membersUrl(org, "removed")).build();
    }

    private Response membersPage(Caller caller, String org, String notice, String error, String addUser, String addRole,
                                 int status) {
        List<OrganizationService.Member> members = organizations.members(caller, org);
        AccountView account = accounts.find(org).orElseThrow();
        boolean canManage = caller.isAdmin() || accounts.roleIn(account.id(), caller.accountId())
                .filter(role -> role == OrgRole.admin).isPresent();
        List<MemberRow> rows = members.stream().map(m -> new MemberRow(m.user(), m.fullname(), m.role().name(),
                PortalTime.day(m.since()), m.user().equalsIgnoreCase(caller.name()))).toList();
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(new OrgMembersPage(pages.site(), pages.viewer(identity), account.name(), account.fullname(),
                        canManage, rows, notice, error, addUser, addRole))
                .build();
    }

    private static java.net.URI membersUrl(String org, String notice) {
        return UriBuilder.fromPath("/organizations/{org}/members").queryParam("notice", notice).build(org);
    }
}
