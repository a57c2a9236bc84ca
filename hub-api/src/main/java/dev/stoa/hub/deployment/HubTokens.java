package dev.stoa.hub.deployment;

import dev.stoa.hub.config.StoaConfig;
import dev.stoa.hub.identity.AccountService;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.identity.TokenScope;
import dev.stoa.hub.identity.token.TokenService;
import dev.stoa.hub.plugin.HostCalls;
import dev.stoa.spi.inference.DeploymentContext.HubAccess;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The Hugging Face access a deployment's pods get: Stoa's URL for {@code HF_ENDPOINT} and a read token of the
 * deployment's creator limited to exactly the deployment's repositories, living {@code stoa.inference.hub-token-lifetime}.
 * The tokens show in the creator's token list under the deployment's name and are revoked when it stops.
 */
@ApplicationScoped
class HubTokens {

    private static final Logger LOG = Logger.getLogger(HubTokens.class);

    private final TokenService tokens;
    private final AccountService accounts;
    private final Optional<String> endpoint;
    private final Duration lifetime;

    HubTokens(TokenService tokens, AccountService accounts, StoaConfig config) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.endpoint = config.inference().hubEndpoint().or(config::baseUrl);
        this.lifetime = config.inference().hubTokenLifetime();
    }

    /** The tokens issued for one deployment, to revoke when it stops. */
    static final class Issued {
        private final List<String> ids = new ArrayList<>();
    }

    /** Issues a fresh token for the deployment (on any thread: runners renew from their own). */
    HubAccess issue(DeploymentRow row, Issued issued) throws IOException {
        URI hub = URI.create(endpoint.orElseThrow(() -> new IOException("this runner starts work outside Stoa, which"
                + " reaches Stoa at stoa.inference.hub-endpoint (or stoa.base-url); an administrator must set it")));
        Instant expires = Instant.now().plus(lifetime);
        List<String> repositories = new ArrayList<>();
        repositories.add(row.model().id());
        row.adapters().forEach(a -> repositories.add(a.id()));
        TokenService.CreatedToken token;
        try {
            token = HostCalls.call(() -> tokens.create(creator(row), new TokenService.TokenRequest(
                    "deployment " + row.fullName(), TokenScope.read, expires, repositories, null)));
        } catch (RuntimeException e) {
            throw new IOException("no read token for " + row.fullName() + ": " + e.getMessage(), e);
        }
        synchronized (issued) {
            issued.ids.add(token.token().id().toString());
        }
        return new HubAccess(hub, token.secret(), expires);
    }

    /** Revokes every token issued for a deployment that stopped. */
    void revoke(DeploymentRow row, Issued issued) {
        List<String> ids;
        synchronized (issued) {
            ids = List.copyOf(issued.ids);
            issued.ids.clear();
        }
        for (String id : ids) {
            try {
                HostCalls.run(() -> tokens.revoke(creator(row), id));
            } catch (RuntimeException e) {
                LOG.debugf("Token %s of %s was gone already: %s", id, row.fullName(), e.getMessage());
            }
        }
    }

    private Caller creator(DeploymentRow row) {
        long id = accounts.find(row.createdBy()).orElseThrow(() -> new IllegalStateException(
                row.createdBy() + ", who created " + row.fullName() + ", no longer exists")).id();
        return AccountService.callerOf(id, Caller.AuthMethod.SESSION, Optional.empty()).orElseThrow();
    }
}
