package dev.stoa.hub.audit;

import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.identity.AccountService;
import dev.stoa.hub.identity.AccountView;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.identity.OrgRole;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * Who may read which part of the audit trail: platform administrators all of it; an organisation's admins the
 * events of their organisation (and nothing else). Tokens limited to repositories or an organisation read nothing.
 */
@ApplicationScoped
public class AuditReaders {

    private final AccountService accounts;

    AuditReaders(AccountService accounts) {
        this.accounts = accounts;
    }

    /**
     * The organisation a caller's search is limited to: empty for a platform administrator's search of
     * everything; 403 when the caller may not read what it asked for, 404 when {@code orgName} names no organisation.
     */
    public Optional<Long> scope(Caller caller, Optional<String> orgName) {
        if (caller.restriction().isPresent()) {
            throw ApiException.forbidden("A token limited to repositories or an organisation cannot read the audit"
                    + " trail; use an unrestricted token.");
        }
        if (orgName.isEmpty()) {
            if (!caller.isAdmin()) {
                throw ApiException.forbidden("Only platform administrators read the whole audit trail; an organisation's"
                        + " admins read theirs with org=<organisation>.");
            }
            return Optional.empty();
        }
        AccountView org = requireOrg(orgName.get());
        if (!caller.isAdmin() && accounts.roleIn(org.id(), caller.accountId()).filter(r -> r == OrgRole.admin).isEmpty()) {
            throw ApiException.forbidden("Only the admins of " + org.name() + " (and platform administrators) read its"
                    + " audit trail.");
        }
        return Optional.of(org.id());
    }

    /** Whether the caller administers the organisation {@code orgName} or the platform. */
    public boolean canRead(Caller caller, AccountView org) {
        return caller.restriction().isEmpty() && (caller.isAdmin()
                || accounts.roleIn(org.id(), caller.accountId()).filter(r -> r == OrgRole.admin).isPresent());
    }

    public AccountView requireOrg(String name) {
        return accounts.find(name).filter(a -> "org".equals(a.type()))
                .orElseThrow(() -> ApiException.notFound("OrganizationNotFound", "There is no organisation named '"
                        + name + "'."));
    }
}
