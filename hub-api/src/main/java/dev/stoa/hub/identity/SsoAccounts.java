package dev.stoa.hub.identity;

import dev.stoa.hub.config.StoaConfig;
import dev.stoa.hub.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Accounts of people who sign in through the identity provider. The first sign-in creates the account from
 * the token's claims and links it to the provider's subject; every sign-in and token use then brings the
 * platform role (from realm roles), e-mail, full name and group-based organisation memberships up to date.
 * The Stoa name is chosen once: a person renamed at the provider keeps their Stoa name and repositories.
 */
@ApplicationScoped
public class SsoAccounts {

    private final StoaConfig.Oidc config;

    public SsoAccounts(StoaConfig config) {
        this.config = config.oidc();
    }

    /** The caller for a verified identity, provisioning and synchronising its account. */
    @Transactional
    public Caller signIn(SsoIdentity who, Caller.AuthMethod method) {
        Account account = SsoLink.find(who.issuer(), who.subject())
                .map(link -> Account.<Account>findById(link.accountId))
                .orElseGet(() -> provision(who));
        updateProfile(account, who);
        PlatformRole role = roleOf(who);
        if (account.platformRole != role) {
            account.platformRole = role;
        }
        config.orgGroupPrefix().ifPresent(prefix -> syncGroups(account.id, who, prefix));
        return AccountService.callerOf(account, method, Optional.empty());
    }

    private Account provision(SsoIdentity who) {
        String name = who.username();
        try {
            NamespaceNames.check("preferred_username", name);
        } catch (ApiException e) {
            throw ApiException.forbidden("Your single sign-on user name cannot be a Stoa name: " + e.getMessage()
                    + " Ask your identity provider's administrator to give you a user name that fits.");
        }
        if (Account.findByName(name).isPresent()) {
            throw new ApiException(403, "SsoNameTaken", "The Stoa name '" + name + "' already belongs to an account"
                    + " that does not sign in through single sign-on. Ask a Stoa administrator to rename that account,"
                    + " or sign in with its own password or token.");
        }
        Account account = new Account();
        account.name = name;
        account.kind = Account.Kind.user;
        account.createdAt = Instant.now();
        account.platformRole = PlatformRole.member;
        SsoLink link = new SsoLink();
        link.issuer = who.issuer();
        link.subject = who.subject();
        link.createdAt = account.createdAt;
        try {
            account.persistAndFlush();
            link.accountId = account.id;
            link.persistAndFlush();
        } catch (PersistenceException e) {
            throw ApiException.conflict("SsoSignInRace", "Your account was being created by another request at the"
                    + " same moment; try again.");
        }
        return account;
    }

    private static void updateProfile(Account account, SsoIdentity who) {
        String fullname = who.fullname() == null ? null : truncate(who.fullname(), 200);
        if (!Objects.equals(account.fullname, fullname)) {
            account.fullname = fullname;
        }
        // The e-mail is unique across accounts: one that another account already uses is not taken over.
        String email = who.email() == null || who.email().length() > 320 ? null : who.email();
        if (!Objects.equals(account.email, email) && (email == null
                || Account.count("lower(email) = lower(?1) and id <> ?2", email, account.id) == 0)) {
            account.email = email;
        }
    }

    private PlatformRole roleOf(SsoIdentity who) {
        if (who.roles().contains(config.adminRole())) {
            return PlatformRole.admin;
        }
        return who.roles().contains(config.curatorRole()) ? PlatformRole.curator : PlatformRole.member;
    }

    /** Makes the group-based memberships match the groups; memberships granted in Stoa stay as they are. */
    private static void syncGroups(long userId, SsoIdentity who, String prefix) {
        Map<Long, OrgRole> wanted = wantedMemberships(who, prefix);
        Set<Long> fromGroups = GroupMembership.ofUser(userId).stream().map(g -> g.key.orgId()).collect(Collectors.toSet());
        for (Long orgId : fromGroups) {
            if (!wanted.containsKey(orgId) && !isLastAdmin(orgId, userId)) {
                OrgMembership.deleteById(new OrgMembership.Key(orgId, userId));
            }
        }
        wanted.forEach((orgId, role) -> {
            OrgMembership.Key key = new OrgMembership.Key(orgId, userId);
            Optional<OrgMembership> existing = OrgMembership.findByIdOptional(key);
            if (existing.isEmpty()) {
                OrgMembership membership = new OrgMembership();
                membership.key = key;
                membership.role = role;
                membership.createdAt = Instant.now();
                membership.persist();
                GroupMembership marker = new GroupMembership();
                marker.key = key;
                marker.persist();
            } else if (fromGroups.contains(orgId) && existing.get().role != role
                    && (role == OrgRole.admin || !isLastAdmin(orgId, userId))) {
                existing.get().role = role;
            }
        });
    }

    /** An organisation never loses its last admin, not even when the admin's group goes away. */
    private static boolean isLastAdmin(long orgId, long userId) {
        return OrgMembership.<OrgMembership>findByIdOptional(new OrgMembership.Key(orgId, userId))
                .filter(m -> m.role == OrgRole.admin)
                .map(m -> OrgMembership.count("key.orgId = ?1 and role = ?2", orgId, OrgRole.admin) <= 1)
                .orElse(false);
    }

    /** Organisation id to role for the groups under the prefix that name an existing organisation. */
    private static Map<Long, OrgRole> wantedMemberships(SsoIdentity who, String prefix) {
        Map<Long, OrgRole> wanted = new HashMap<>();
        for (String group : who.groups()) {
            if (!group.startsWith(prefix)) {
                continue;
            }
            String[] parts = group.substring(prefix.length()).split("/");
            OrgRole role = parts.length == 1 ? OrgRole.read : parts.length == 2 ? roleNamed(parts[1]) : null;
            if (role == null) {
                continue;
            }
            Account.findByName(parts[0]).filter(a -> a.kind == Account.Kind.org)
                    .ifPresent(org -> wanted.merge(org.id, role, SsoAccounts::higher));
        }
        return wanted;
    }

    private static OrgRole roleNamed(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "read" -> OrgRole.read;
            case "write" -> OrgRole.write;
            case "admin" -> OrgRole.admin;
            default -> null;
        };
    }

    private static OrgRole higher(OrgRole a, OrgRole b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
