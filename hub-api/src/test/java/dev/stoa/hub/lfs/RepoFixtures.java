package dev.stoa.hub.lfs;

import dev.stoa.hub.identity.AccountService;
import dev.stoa.hub.identity.AccountView;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.identity.PlatformRole;
import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.repo.RepoService;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.RepoView;
import io.quarkus.arc.Arc;

import java.util.Optional;

/** Repositories for LFS tests, made through the repository service so that tests know their database ids. */
final class RepoFixtures {

    private RepoFixtures() {
    }

    static RepoView create(String owner, RepoType type, boolean isPrivate) {
        AccountView account = Arc.container().instance(AccountService.class).get().find(owner).orElseThrow();
        Caller caller = new Caller(account.id(), account.name(), PlatformRole.member, Caller.AuthMethod.TOKEN, Optional.empty());
        return Arc.container().instance(RepoService.class).get()
                .create(caller, account, type, TestAccounts.randomName("repo"), isPrivate);
    }

    static RepoView model(String owner, boolean isPrivate) {
        return create(owner, RepoType.model, isPrivate);
    }
}
