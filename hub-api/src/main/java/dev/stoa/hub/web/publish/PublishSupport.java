package dev.stoa.hub.web.publish;

import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.identity.AccountService;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.identity.Membership;
import dev.stoa.hub.identity.OrgRole;
import dev.stoa.hub.identity.OrganizationService;
import dev.stoa.ui.view.Choice;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/** What the publishing pages share: the namespaces a person may publish in, URLs, and error handling of forms. */
@ApplicationScoped
public class PublishSupport {

    private final AccountService accounts;
    private final OrganizationService organizations;

    public PublishSupport(AccountService accounts, OrganizationService organizations) {
        this.accounts = accounts;
        this.organizations = organizations;
    }

    /**
     * The caller's own namespace and the organisations where it may create repositories, {@code selected} chosen
     * (the caller's own when {@code selected} is none of them); each flagged when its new repositories are private.
     */
    public List<Choice> owners(Caller caller, String selected) {
        List<String> names = new ArrayList<>();
        names.add(caller.name());
        if (selected != null && !selected.isBlank() && !selected.equalsIgnoreCase(caller.name()) && caller.isAdmin()) {
            // An administrator acting on someone else's repository keeps its namespace as the first choice.
            accounts.find(selected).ifPresent(a -> names.add(a.name()));
        }
        for (Membership membership : accounts.membershipsOf(caller.accountId())) {
            if (membership.role() != OrgRole.read && !names.contains(membership.organization())) {
                names.add(membership.organization());
            }
        }
        String chosen = names.stream().filter(n -> n.equalsIgnoreCase(selected == null ? "" : selected))
                .findFirst().orElse(caller.name());
        List<Choice> choices = new ArrayList<>(names.size());
        for (String name : names) {
            boolean isPrivate = !name.equals(caller.name()) && accounts.find(name)
                    .map(a -> organizations.newRepositoriesPrivate(a.id())).orElse(false);
            choices.add(new Choice(name, name.equals(caller.name()) ? name + " (you)" : name, name.equals(chosen), isPrivate));
        }
        return choices;
    }

    /** A signed-in caller, or a 401 page that offers to sign in. */
    public static Caller signedIn(java.util.Optional<Caller> caller, String what) {
        return caller.orElseThrow(() -> ApiException.unauthorized("Sign in to " + what + "."));
    }

    /**
     * Whether a form's failure is something the person can fix on the form (a bad name, a taken name, a wrong
     * confirmation), so the form is shown again with the message; sign-in and not-found failures go to the error page.
     */
    public static boolean fixableOnForm(ApiException e) {
        return e.status() == 400 || e.status() == 409 || e.status() == 412 || e.status() == 413 || e.status() == 422
                || (e.status() == 403 && !"FormExpired".equals(e.code()));
    }
}
