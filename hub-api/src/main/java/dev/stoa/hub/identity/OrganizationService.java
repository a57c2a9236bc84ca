package dev.stoa.hub.identity;

import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.event.Change;
import dev.stoa.hub.event.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Members and settings of organisations. Members see the member list and settings; the organisation's
 * admins (and platform administrators) change them, with a session, a password or an unrestricted write
 * token. An organisation never loses its last admin: every change of membership locks the organisation's
 * row first, so two concurrent demotions cannot both pass the check.
 */
@ApplicationScoped
public class OrganizationService {

    private final Outbox outbox;

    OrganizationService(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Records a change to an organisation by {@code caller} on the audit trail (its admins read it). */
    private void record(Caller caller, String action, Account org, Map<String, Object> before, Map<String, Object> after) {
        outbox.change(action, 0, Change.of("org", org.name, org.id, before, after).by(caller.actor()));
    }

    static final String PUBLIC = "public";
    static final String PRIVATE = "private";

    /** A member as listed. */
    public record Member(String user, String fullname, OrgRole role, Instant since) {
    }

    /** The settings of an organisation; {@code defaultVisibility} is {@code public} or {@code private}. */
    public record Settings(String defaultVisibility) {
    }

    public List<Member> members(Caller caller, String orgName) {
        Account org = requireOrg(orgName);
        requireMemberOrAdmin(caller, org, "see its members");
        List<OrgMembership> memberships = OrgMembership.ofOrg(org.id);
        if (memberships.isEmpty()) {
            return List.of();
        }
        Map<Long, Account> users = Account.<Account>list("id in ?1", memberships.stream().map(m -> m.key.userId()).toList())
                .stream().collect(Collectors.toMap(a -> a.id, Function.identity()));
        return memberships.stream()
                .map(m -> memberOf(users.get(m.key.userId()), m))
                .sorted(Comparator.comparing(Member::user, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    @Transactional
    public Member add(Caller caller, String orgName, String userName, String role) {
        Account org = lockForChange(caller, orgName);
        Account user = requireUser(userName);
        OrgRole newRole = parseRole(role);
        Optional<OrgMembership> existing = OrgMembership.findByIdOptional(new OrgMembership.Key(org.id, user.id));
        if (existing.isPresent()) {
            throw ApiException.conflict("MemberExists", user.name + " is already a member of " + org.name + " (role "
                    + existing.get().role + "); change the role with PUT /api/v1/organizations/" + org.name + "/members/"
                    + user.name + ".");
        }
        OrgMembership membership = new OrgMembership();
        membership.key = new OrgMembership.Key(org.id, user.id);
        membership.role = newRole;
        membership.createdAt = Instant.now();
        membership.persist();
        record(caller, "org.member-added", org, Map.of(), Map.of("user", user.name, "role", newRole.name()));
        return memberOf(user, membership);
    }

    @Transactional
    public Member changeRole(Caller caller, String orgName, String userName, String role) {
        Account org = lockForChange(caller, orgName);
        Account user = requireUser(userName);
        OrgRole newRole = parseRole(role);
        OrgMembership membership = requireMembership(org, user);
        if (membership.role == OrgRole.admin && newRole != OrgRole.admin) {
            requireAnotherAdmin(org, user, "change the role of");
        }
        OrgRole oldRole = membership.role;
        membership.role = newRole;
        record(caller, "org.member-role-changed", org, Map.of("user", user.name, "role", oldRole.name()),
                Map.of("user", user.name, "role", newRole.name()));
        return memberOf(user, membership);
    }

    /** Removes a member; admins remove anyone, every member may remove itself (leave). */
    @Transactional
    public void remove(Caller caller, String orgName, String userName) {
        caller.requireUnrestricted();
        Account org = lock(requireOrg(orgName));
        Account user = requireUser(userName);
        boolean leaving = user.id == caller.accountId();
        if (!leaving) {
            requireAdmin(caller, org);
        }
        OrgMembership membership = requireMembership(org, user);
        if (membership.role == OrgRole.admin) {
            requireAnotherAdmin(org, user, leaving ? "let leave" : "remove");
        }
        membership.delete();
        record(caller, leaving ? "org.member-left" : "org.member-removed", org,
                Map.of("user", user.name, "role", membership.role.name()), Map.of());
    }

    public Settings settings(Caller caller, String orgName) {
        Account org = requireOrg(orgName);
        requireMemberOrAdmin(caller, org, "see its settings");
        return new Settings(org.defaultVisibility);
    }

    @Transactional
    public Settings updateSettings(Caller caller, String orgName, String defaultVisibility) {
        Account org = lockForChange(caller, orgName);
        if (defaultVisibility == null || !(PUBLIC.equals(defaultVisibility.toLowerCase(Locale.ROOT))
                || PRIVATE.equals(defaultVisibility.toLowerCase(Locale.ROOT)))) {
            throw ApiException.invalidField("defaultVisibility", (defaultVisibility == null ? "Give"
                    : "'" + defaultVisibility + "' is not a visibility; give") + " defaultVisibility: 'public' or 'private'.");
        }
        String before = org.defaultVisibility == null ? PUBLIC : org.defaultVisibility;
        org.defaultVisibility = defaultVisibility.toLowerCase(Locale.ROOT);
        if (!before.equals(org.defaultVisibility)) {
            record(caller, "org.settings-changed", org, Map.of("defaultVisibility", before),
                    Map.of("defaultVisibility", org.defaultVisibility));
        }
        return new Settings(org.defaultVisibility);
    }

    /** Whether a repository created in the namespace {@code ownerId} without an explicit visibility is private. */
    public boolean newRepositoriesPrivate(long ownerId) {
        return Account.<Account>findByIdOptional(ownerId).map(a -> PRIVATE.equals(a.defaultVisibility)).orElse(false);
    }

    private static Account lockForChange(Caller caller, String orgName) {
        caller.requireUnrestricted();
        Account org = lock(requireOrg(orgName));
        requireAdmin(caller, org);
        return org;
    }

    /** Row lock on the organisation (SELECT ... FOR UPDATE): membership changes of one organisation take turns. */
    private static Account lock(Account org) {
        Account.getEntityManager().lock(org, LockModeType.PESSIMISTIC_WRITE);
        return org;
    }

    private static void requireAnotherAdmin(Account org, Account user, String action) {
        if (OrgMembership.adminsOf(org.id) <= 1) {
            throw ApiException.conflict("LastAdmin", "Cannot " + action + " " + user.name + ": they are the last admin of "
                    + org.name + ". Promote another member to admin first.");
        }
    }

    private static void requireAdmin(Caller caller, Account org) {
        boolean admin = caller.isAdmin() || roleOf(org, caller).filter(r -> r == OrgRole.admin).isPresent();
        if (!admin) {
            throw ApiException.forbidden("Only admins of " + org.name + " can manage its members and settings;"
                    + " ask one of them.");
        }
    }

    private static void requireMemberOrAdmin(Caller caller, Account org, String action) {
        if (!caller.isAdmin() && roleOf(org, caller).isEmpty()) {
            throw ApiException.forbidden("Only members of " + org.name + " can " + action + ".");
        }
    }

    private static Optional<OrgRole> roleOf(Account org, Caller caller) {
        return OrgMembership.<OrgMembership>findByIdOptional(new OrgMembership.Key(org.id, caller.accountId()))
                .map(m -> m.role);
    }

    private static Account requireOrg(String name) {
        return Optional.ofNullable(name).flatMap(Account::findByName).filter(a -> a.kind == Account.Kind.org)
                .orElseThrow(() -> ApiException.notFound("OrganizationNotFound", "There is no organisation named '"
                        + name + "'."));
    }

    private static Account requireUser(String name) {
        if (name == null || name.isBlank()) {
            throw ApiException.invalidField("user", "Name the user: give 'user'.");
        }
        Account account = Account.findByName(name)
                .orElseThrow(() -> ApiException.notFound("UserNotFound", "There is no user named '" + name + "'."));
        if (!account.isUser()) {
            throw ApiException.notFound("UserNotFound", "'" + name + "' is an organisation, not a user; only users can be members.");
        }
        return account;
    }

    private static OrgMembership requireMembership(Account org, Account user) {
        return OrgMembership.<OrgMembership>findByIdOptional(new OrgMembership.Key(org.id, user.id))
                .orElseThrow(() -> ApiException.notFound("MemberNotFound", user.name + " is not a member of " + org.name
                        + "; add them with POST /api/v1/organizations/" + org.name + "/members."));
    }

    private static OrgRole parseRole(String role) {
        if (role == null || role.isBlank()) {
            throw ApiException.invalidField("role", "Give the role: 'read', 'write' or 'admin'.");
        }
        try {
            return OrgRole.valueOf(role.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("role", "'" + role + "' is not a role; use 'read', 'write' or 'admin'.");
        }
    }

    private static Member memberOf(Account user, OrgMembership membership) {
        return new Member(user.name, user.fullname, membership.role, membership.createdAt);
    }
}
