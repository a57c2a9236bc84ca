package dev.stoa.hub.policy;

import dev.stoa.hub.identity.AccountService;
import dev.stoa.hub.identity.AccountView;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.identity.OrgRole;
import dev.stoa.hub.repo.NewRepositoryRule;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * The publishing rule: when an organisation's policy in force says members may not publish publicly without
 * review ({@code membersPublishWithoutReview: false}), a repository a member (not an admin of the organisation,
 * not a platform admin) creates there is created private; an admin makes it public after review.
 */
@ApplicationScoped
public class PublishingRule implements NewRepositoryRule {

    private final Policies policies;
    private final AccountService accounts;

    PublishingRule(Policies policies, AccountService accounts) {
        this.policies = policies;
        this.accounts = accounts;
    }

    @Override
    public Optional<String> mustBePrivate(Caller creator, AccountView owner) {
        if (!"org".equals(owner.type()) || creator.isAdmin()
                || accounts.roleIn(owner.id(), creator.accountId()).filter(r -> r == OrgRole.admin).isPresent()) {
            return Optional.empty();
        }
        PolicyVersion policy = policies.inForce(owner.id());
        if (policy.policy().membersPublishWithoutReview()) {
            return Optional.empty();
        }
        return Optional.of("The policy of " + owner.name() + " (" + policy.label() + ") has members' repositories"
                + " reviewed before they are public: it was created private; an admin of " + owner.name()
                + " makes it public.");
    }
}
