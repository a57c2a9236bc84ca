package dev.stoa.hub.identity;

import java.time.Instant;

/** An account as other features see it. */
public record AccountView(long id, String name, String type, String fullname, String email,
                          PlatformRole platformRole, Instant createdAt) {

    static AccountView of(Account account) {
        return new AccountView(account.id, account.name, account.kind.name(), account.fullname, account.email,
                account.platformRole, account.createdAt);
    }
}
