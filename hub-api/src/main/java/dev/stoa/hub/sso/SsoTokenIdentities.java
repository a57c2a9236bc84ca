package dev.stoa.hub.sso;

import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.identity.SsoAccounts;
import dev.stoa.hub.identity.auth.SsoTokenAuthenticationRequest;
import dev.stoa.hub.identity.auth.StoaIdentityProviders;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** The identity provider's access tokens: verified, then the account is provisioned or brought up to date. */
@ApplicationScoped
class SsoTokenIdentities implements IdentityProvider<SsoTokenAuthenticationRequest> {

    private final SsoProvider provider;
    private final SsoAccounts accounts;

    SsoTokenIdentities(SsoProvider provider, SsoAccounts accounts) {
        this.provider = provider;
        this.accounts = accounts;
    }

    @Override
    public Class<SsoTokenAuthenticationRequest> getRequestType() {
        return SsoTokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(SsoTokenAuthenticationRequest request, AuthenticationRequestContext context) {
        return StoaIdentityProviders.resolve(context, () -> provider.enabled()
                ? provider.verifyAccessToken(request.token()).map(who -> accounts.signIn(who, Caller.AuthMethod.SSO))
                : Optional.empty());
    }
}
