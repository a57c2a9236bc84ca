package dev.stoa.hub.curation;

import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.event.Change;
import dev.stoa.hub.event.Outbox;
import dev.stoa.hub.identity.AccountService;
import dev.stoa.hub.identity.AccountView;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.identity.OrgRole;
import dev.stoa.hub.repo.RepoView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Who decides curation requests: platform curators (and administrators) for every repository, and an
 * organisation's curators ({@code org_curator}, managed by its admins) for the organisation's repositories.
 */
@ApplicationScoped
public class Curators {

    private final DataSource db;
    private final AccountService accounts;
    private final Outbox outbox;

    Curators(DataSource db, AccountService accounts, Outbox outbox) {
        this.db = db;
        this.accounts = accounts;
        this.outbox = outbox;
    }

    /** One curator of an organisation. */
    public record OrgCurator(String user, Instant addedAt) {
    }

    /** Whether {@code caller} may approve or reject curation requests of {@code repo}. */
    public boolean canCurate(Caller caller, RepoView repo) {
        return caller.isCurator() || isOrgCurator(repo.ownerId(), caller.accountId());
    }

    /** Whether {@code caller} curates anything: a platform curator, or a curator of at least one organisation. */
    public boolean curatesAnything(Caller caller) {
        return caller.isCurator() || !organisationsOf(caller.accountId()).isEmpty();
    }

    /** The ids of the organisations {@code userId} curates. */
    public List<Long> organisationsOf(long userId) {
        return longs("SELECT org_id FROM org_curator WHERE user_id = ?", userId);
    }

    public List<OrgCurator> list(String orgName) {
        AccountView org = requireOrg(orgName);
        List<OrgCurator> curators = new ArrayList<>();
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT a.name, oc.added_at FROM org_curator oc JOIN account a"
                     + " ON a.id = oc.user_id WHERE oc.org_id = ? ORDER BY a.name")) {
            s.setLong(1, org.id());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    curators.add(new OrgCurator(r.getString(1), r.getTimestamp(2).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the curators of " + orgName, e);
        }
        return curators;
    }

    /** Makes {@code userName}, a member of the organisation, one of its curators; org admins and platform admins only. */
    @Transactional
    public OrgCurator add(Caller caller, String orgName, String userName) {
        AccountView org = requireOrgAdmin(caller, orgName);
        AccountView user = accounts.find(userName).filter(a -> a.type().equals("user"))
                .orElseThrow(() -> ApiException.notFound("UserNotFound", "There is no user '" + userName + "'."));
        if (accounts.roleIn(org.id(), user.id()).isEmpty()) {
            throw ApiException.conflict("NotAMember", user.name() + " is not a member of " + org.name()
                    + "; add them as a member first (POST /api/v1/organizations/" + org.name() + "/members).");
        }
        Instant now = Instant.now();
        int added = update("INSERT INTO org_curator (org_id, user_id, added_by, added_at) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT DO NOTHING", org.id(), user.id(), caller.accountId(), Timestamp.from(now));
        if (added > 0) {
            outbox.change("curator.added", 0, Change.of("org", org.name(), org.id(), Map.of(), Map.of("curator", user.name()))
                    .by(caller.actor()));
        }
        return new OrgCurator(user.name(), now);
    }

    @Transactional
    public void remove(Caller caller, String orgName, String userName) {
        AccountView org = requireOrgAdmin(caller, orgName);
        AccountView user = accounts.find(userName)
                .orElseThrow(() -> ApiException.notFound("UserNotFound", "There is no user '" + userName + "'."));
        if (update("DELETE FROM org_curator WHERE org_id = ? AND user_id = ?", org.id(), user.id()) == 0) {
            throw ApiException.notFound("CuratorNotFound", user.name() + " is not a curator of " + org.name() + ".");
        }
        outbox.change("curator.removed", 0, Change.of("org", org.name(), org.id(), Map.of("curator", user.name()), Map.of())
                .by(caller.actor()));
    }

    private boolean isOrgCurator(long orgId, long userId) {
        return !longs("SELECT 1 FROM org_curator WHERE org_id = ? AND user_id = ?", orgId, userId).isEmpty();
    }

    private AccountView requireOrg(String orgName) {
        return accounts.find(orgName).filter(a -> a.type().equals("org"))
                .orElseThrow(() -> ApiException.notFound("OrganizationNotFound", "There is no organisation '" + orgName + "'."));
    }

    private AccountView requireOrgAdmin(Caller caller, String orgName) {
        caller.requireUnrestricted();
        AccountView org = requireOrg(orgName);
        boolean admin = caller.isAdmin() || accounts.roleIn(org.id(), caller.accountId()).filter(r -> r == OrgRole.admin).isPresent();
        if (!admin) {
            throw ApiException.forbidden("Only admins of " + org.name() + " can choose its curators; ask one of them.");
        }
        return org;
    }

    private List<Long> longs(String sql, Object... args) {
        List<Long> values = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    values.add(r.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read curators", e);
        }
        return values;
    }

    private int update(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not change curators", e);
        }
    }
}
