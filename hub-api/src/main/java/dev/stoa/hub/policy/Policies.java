package dev.stoa.hub.policy;

import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.event.Change;
import dev.stoa.hub.event.Outbox;
import dev.stoa.hub.identity.AccountService;
import dev.stoa.hub.identity.AccountView;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.identity.OrgRole;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The platform's default policy and the organisations' overrides, each change a new version. An organisation's
 * override replaces the platform default as a whole for its repositories. Platform admins change the platform
 * policy (every signed-in user may read it); an organisation's admins (and platform admins) change its override,
 * its members read it and its history.
 */
@ApplicationScoped
public class Policies {

    private static final PolicyVersion BUILT_IN = new PolicyVersion(Optional.empty(), 0, Policy.BUILT_IN,
            Optional.empty(), Optional.empty(), Instant.EPOCH);

    private final PolicyStore store;
    private final AccountService accounts;
    private final Outbox outbox;

    Policies(PolicyStore store, AccountService accounts, Outbox outbox) {
        this.store = store;
        this.accounts = accounts;
        this.outbox = outbox;
    }

    /** The policy in force for the repositories of an account: its organisation's override, else the platform's. */
    public PolicyVersion inForce(long ownerId) {
        Optional<AccountView> owner = accounts.find(ownerId).filter(Policies::isOrg);
        if (owner.isPresent()) {
            Optional<PolicyVersion> override = store.latest(Optional.of(ownerId), Optional.of(owner.get().name()));
            if (override.isPresent()) {
                return override.get();
            }
        }
        return platformInForce();
    }

    /** The platform policy in force (the built-in default until an admin saves one). */
    public PolicyVersion platform(Caller caller) {
        return platformInForce();
    }

    public List<PolicyVersion> platformHistory(Caller caller, int limit, int before) {
        requirePlatformAdmin(caller);
        return store.history(Optional.empty(), Optional.empty(), limit, before);
    }

    @Transactional
    public PolicyVersion savePlatform(Caller caller, Policy policy, Optional<String> note) {
        requirePlatformAdmin(caller.requireUnrestricted());
        PolicyVersion before = platformInForce();
        PolicyVersion saved = store.append(Optional.empty(), Optional.empty(), validate(policy), caller.accountId(),
                caller.name(), note);
        fire(caller, "platform", Optional.empty(), before, saved);
        return saved;
    }

    /** An organisation's policy in force: its override, or the platform's when it has none (members and admins). */
    public PolicyVersion organization(Caller caller, String orgName) {
        AccountView org = requireOrg(orgName);
        requireMember(caller, org);
        return inForce(org.id());
    }

    public List<PolicyVersion> organizationHistory(Caller caller, String orgName, int limit, int before) {
        AccountView org = requireOrg(orgName);
        requireMember(caller, org);
        return store.history(Optional.of(org.id()), Optional.of(org.name()), limit, before);
    }

    @Transactional
    public PolicyVersion saveOrganization(Caller caller, String orgName, Policy policy, Optional<String> note) {
        caller.requireUnrestricted();
        AccountView org = requireOrg(orgName);
        requireOrgAdmin(caller, org);
        PolicyVersion before = inForce(org.id());
        PolicyVersion saved = store.append(Optional.of(org.id()), Optional.of(org.name()), validate(policy),
                caller.accountId(), caller.name(), note);
        fire(caller, org.name(), Optional.of(org.id()), before, saved);
        return saved;
    }

    /** Whether the caller administers the organisation (its admins and platform admins). */
    public boolean administers(Caller caller, AccountView org) {
        return caller.isAdmin() || accounts.roleIn(org.id(), caller.accountId()).filter(r -> r == OrgRole.admin).isPresent();
    }

    /** The organisation named, or a 404. */
    public AccountView requireOrg(String name) {
        return Optional.ofNullable(name).flatMap(accounts::find).filter(Policies::isOrg)
                .orElseThrow(() -> ApiException.notFound("OrganizationNotFound", "There is no organisation named '" + name + "'."));
    }

    private PolicyVersion platformInForce() {
        return store.latest(Optional.empty(), Optional.empty()).orElse(BUILT_IN);
    }

    private static Policy validate(Policy policy) {
        if (policy == null) {
            throw ApiException.badRequest("Send the policy as JSON: requiredChecks, licensesAllowed, licensesDenied,"
                    + " licensesNeedsReview, onFailedCheck, membersPublishWithoutReview, requiredCardFields.");
        }
        return policy.validated();
    }

    private void fire(Caller caller, String target, Optional<Long> orgId, PolicyVersion before, PolicyVersion after) {
        outbox.change("policy.changed", 0, Change.of("policy", target, orgId.orElse(0L), summary(before), summary(after))
                .by(caller.actor()));
    }

    /** The audit view of a version: its number and its rules (no secrets in a policy). */
    static Map<String, Object> summary(PolicyVersion version) {
        Policy p = version.policy();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("policy", version.label());
        m.put("version", version.version());
        m.put("requiredChecks", p.requiredChecks());
        m.put("licensesAllowed", p.licensesAllowed());
        m.put("licensesDenied", p.licensesDenied());
        m.put("licensesNeedsReview", p.licensesNeedsReview());
        m.put("onFailedCheck", p.onFailedCheck().label());
        m.put("membersPublishWithoutReview", p.membersPublishWithoutReview());
        m.put("requiredCardFields", p.requiredCardFields());
        return m;
    }

    private static boolean isOrg(AccountView account) {
        return "org".equals(account.type());
    }

    private static void requirePlatformAdmin(Caller caller) {
        if (!caller.isAdmin()) {
            throw ApiException.forbidden("Only platform admins can change or list the platform policy's versions.");
        }
    }

    private void requireOrgAdmin(Caller caller, AccountView org) {
        if (!administers(caller, org)) {
            throw ApiException.forbidden("Only admins of " + org.name() + " can change its policy; ask one of them.");
        }
    }

    private void requireMember(Caller caller, AccountView org) {
        if (!caller.isAdmin() && accounts.roleIn(org.id(), caller.accountId()).isEmpty()) {
            throw ApiException.forbidden("Only members of " + org.name() + " can read its policy.");
        }
    }
}
