package dev.stoa.hub.identity.token;

import dev.stoa.hub.config.StoaConfig;
import dev.stoa.hub.db.DatabaseStartup;
import dev.stoa.hub.identity.AccountService;
import dev.stoa.hub.identity.AccountView;
import dev.stoa.hub.identity.Secrets;
import dev.stoa.hub.identity.TokenScope;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * Creates the {@code admin} account on the first start against an empty database. Its password and
 * API token come from {@code STOA_ADMIN_PASSWORD} / {@code STOA_ADMIN_TOKEN}; whichever is unset is
 * generated and printed once, here, and never again.
 */
@ApplicationScoped
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);

    private final StoaConfig config;
    private final AccountService accounts;
    private final TokenService tokens;

    public AdminBootstrap(StoaConfig config, AccountService accounts, TokenService tokens) {
        this.config = config;
        this.accounts = accounts;
        this.tokens = tokens;
    }

    @Transactional
    void onStart(@Observes @Priority(DatabaseStartup.PRIORITY + 20) StartupEvent event) {
        if (accounts.anyExists()) {
            return;
        }
        String token = config.admin().token().orElse(null);
        if (token != null && !TokenService.FORMAT.matcher(token).matches()) {
            throw new IllegalStateException("STOA_ADMIN_TOKEN must be 'stoa_' followed by 20 to 100 letters or digits.");
        }
        String password = config.admin().password().orElse(null);
        if (password != null) {
            try {
                AccountService.checkPassword(AccountService.BOOTSTRAP_ADMIN, password);
            } catch (RuntimeException e) {
                throw new IllegalStateException("STOA_ADMIN_PASSWORD is not acceptable: " + e.getMessage());
            }
        }
        boolean generatedPassword = password == null;
        boolean generatedToken = token == null;
        password = generatedPassword ? Secrets.random(24) : password;
        token = generatedToken ? TokenService.PREFIX + Secrets.random(40) : token;

        AccountView admin = accounts.createBootstrapAdmin(password);
        tokens.issue(admin.id(), "bootstrap", TokenScope.write, null, token);

        StringBuilder message = new StringBuilder("Created the administrator account '" + AccountService.BOOTSTRAP_ADMIN + "'.");
        if (generatedPassword || generatedToken) {
            message.append(" Generated credentials, shown only this once — store them now:");
            if (generatedPassword) {
                message.append("\n    admin password: ").append(password);
            }
            if (generatedToken) {
                message.append("\n    admin API token: ").append(token);
            }
        }
        LOG.info(message);
    }
}
