package dev.stoa.hub.identity;

import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.event.Change;
import dev.stoa.hub.event.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Users and organisations: creation, lookup and password sign-in. */
@ApplicationScoped
public class AccountService {

    /** The name of the administrator account Stoa creates on its first start. */
    public static final String BOOTSTRAP_ADMIN = "admin";

    public static final int MIN_PASSWORD_LENGTH = 10;
    public static final int MAX_PASSWORD_LENGTH = 256;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final PasswordHasher hasher;

    private final Outbox outbox;

    public AccountService(PasswordHasher hasher, Outbox outbox) {
        this.outbox = outbox;
        this.hasher = hasher;
    }

    /** The data of a new user; {@code email} and {@code fullname} may be null. */
    public record NewUser(String name, String password, String email, String fullname) {
    }

    @Transactional
    public AccountView createUser(NewUser user, PlatformRole role) {
        NamespaceNames.check("name", user.name());
        return createUnchecked(user, role);
    }

    /** The first administrator's name, {@code admin}, is reserved for everyone else. */
    @Transactional
    public AccountView createBootstrapAdmin(String password) {
        return createUnchecked(new NewUser(BOOTSTRAP_ADMIN, password, null, "Administrator"), PlatformRole.admin);
    }

    private AccountView createUnchecked(NewUser user, PlatformRole role) {
        checkPassword(user.name(), user.password());
        if (user.email() != null && (user.email().length() > 320 || !EMAIL.matcher(user.email()).matches())) {
            throw ApiException.invalidField("email", "'" + user.email() + "' is not an email address.");
        }
        checkFullname(user.fullname());
        if (user.email() != null && Account.count("lower(email) = lower(?1)", user.email()) > 0) {
            throw ApiException.conflict("EmailTaken", "Another account already uses the email " + user.email() + ".");
        }
        Account account = newAccount(user.name(), Account.Kind.user, user.fullname());
        account.email = user.email();
        account.passwordHash = hasher.hash(user.password());
        account.platformRole = role;
        return persist(account);
    }

    /** Creates an organisation whose first admin is {@code creator}. */
    @Transactional
    public AccountView createOrganization(Caller creator, String name, String fullname) {
        creator.requireUnrestricted();
        NamespaceNames.check("name", name);
        checkFullname(fullname);
        AccountView org = persist(newAccount(name, Account.Kind.org, fullname));
        OrgMembership membership = new OrgMembership();
        membership.key = new OrgMembership.Key(org.id(), creator.accountId());
        membership.role = OrgRole.admin;
        membership.createdAt = Instant.now();
        membership.persist();
        outbox.change("org.created", 0, Change.of("org", org.name(), org.id(), Map.of(), Map.of("admin", creator.name()))
                .by(creator.actor()));
        return org;
    }

    /** Makes a user a member, curator or administrator of the whole Stoa; administrators only, never their own role. */
    @Transactional
    public AccountView setPlatformRole(Caller admin, String userName, String role) {
        admin.requireUnrestricted();
        if (!admin.isAdmin()) {
            throw ApiException.forbidden("Only platform administrators can change platform roles.");
        }
        Account user = Account.findByName(userName).filter(Account::isUser)
                .orElseThrow(() -> ApiException.notFound("UserNotFound", "There is no user named '" + userName + "'."));
        PlatformRole newRole;
        try {
            newRole = PlatformRole.valueOf(role == null ? "" : role.toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("platformRole", "Give platformRole: 'member', 'curator', 'moderator' or 'admin'.");
        }
        if (user.id == admin.accountId()) {
            throw ApiException.forbidden("You cannot change your own platform role; ask another administrator.");
        }
        PlatformRole oldRole = user.platformRole;
        user.platformRole = newRole;
        outbox.change("account.platform-role-changed", 0, Change.of("account", user.name, 0,
                Map.of("platformRole", oldRole.name()), Map.of("platformRole", newRole.name())).by(admin.actor()));
        return AccountView.of(user);
    }

    public Optional<AccountView> find(String name) {
        return Account.findByName(name).map(AccountView::of);
    }

    public Optional<AccountView> find(long id) {
        return Account.<Account>findByIdOptional(id).map(AccountView::of);
    }

    /** The role of a user in an organisation, or empty when the user is not a member. */
    public Optional<OrgRole> roleIn(long orgId, long userId) {
        return OrgMembership.<OrgMembership>findByIdOptional(new OrgMembership.Key(orgId, userId)).map(m -> m.role);
    }

    public boolean anyExists() {
        return Account.count() > 0;
    }

    /** The organisations a user belongs to, by name. */
    public List<Membership> membershipsOf(long userId) {
        List<OrgMembership> memberships = OrgMembership.ofUser(userId);
        if (memberships.isEmpty()) {
            return List.of();
        }
        Map<Long, Account> orgs = Account.<Account>list("id in ?1",
                        memberships.stream().map(m -> m.key.orgId()).toList()).stream()
                .collect(Collectors.toMap(a -> a.id, Function.identity()));
        return memberships.stream()
                .map(m -> new Membership(orgs.get(m.key.orgId()).name, orgs.get(m.key.orgId()).fullname, m.role))
                .sorted(java.util.Comparator.comparing(Membership::organization, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    /** The user with this name and password, or empty; takes as long for unknown users as for known ones. */
    @Transactional
    public Optional<Caller> authenticate(String name, String password) {
        Optional<Account> account = name == null ? Optional.empty() : Account.findByName(name).filter(Account::isUser);
        if (account.isEmpty() || password == null) {
            hasher.verifyDecoy(password == null ? "" : password);
            return Optional.empty();
        }
        Account user = account.get();
        if (!hasher.verify(password, user.passwordHash)) {
            return Optional.empty();
        }
        return Optional.of(callerOf(user, Caller.AuthMethod.PASSWORD, Optional.empty()));
    }

    /** The caller signed in as the account {@code accountId}, empty when there is no such account. */
    public static Optional<Caller> callerOf(long accountId, Caller.AuthMethod method, Optional<Caller.TokenGrant> token) {
        return Account.<Account>findByIdOptional(accountId).map(account -> callerOf(account, method, token));
    }

    static Caller callerOf(Account account, Caller.AuthMethod method, Optional<Caller.TokenGrant> token) {
        return new Caller(account.id, account.name, account.platformRole, method, token);
    }

    /** Refuses a password too short to keep ({@code password} field error). */
    public static void checkPassword(String name, String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw ApiException.invalidField("password", "The password must be at least " + MIN_PASSWORD_LENGTH
                    + " characters long.");
        }
        if (password.length() > MAX_PASSWORD_LENGTH) {
            throw ApiException.invalidField("password", "The password may be at most " + MAX_PASSWORD_LENGTH
                    + " characters long.");
        }
        if (password.equalsIgnoreCase(name)) {
            throw ApiException.invalidField("password", "The password may not be the same as the name.");
        }
    }

    private static void checkFullname(String fullname) {
        if (fullname != null && fullname.length() > 200) {
            throw ApiException.invalidField("fullname", "The full name may be at most 200 characters long.");
        }
    }

    private static Account newAccount(String name, Account.Kind kind, String fullname) {
        if (Account.findByName(name).isPresent()) {
            throw nameTaken(name);
        }
        Account account = new Account();
        account.name = name;
        account.kind = kind;
        account.fullname = fullname;
        account.createdAt = Instant.now();
        return account;
    }

    private static AccountView persist(Account account) {
        try {
            account.persistAndFlush();
        } catch (PersistenceException e) {
            // Two requests raced for the same name: the unique index decided.
            throw nameTaken(account.name);
        }
        return AccountView.of(account);
    }

    private static ApiException nameTaken(String name) {
        return ApiException.conflict("NameTaken", "The name '" + name + "' is already taken; choose another one.");
    }
}
