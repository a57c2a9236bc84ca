package dev.stoa.hub.identity.auth;

import dev.stoa.hub.identity.AccountService;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.identity.token.TokenService;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.function.Supplier;

/** Turns each kind of credential into a {@link SecurityIdentity} that carries the {@link Caller}. */
public final class StoaIdentityProviders {

    private StoaIdentityProviders() {
    }

    /** The identity of the caller {@code lookup} finds, looked up off the event loop; fails when it finds none. */
    public static Uni<SecurityIdentity> resolve(AuthenticationRequestContext context, Supplier<Optional<Caller>> lookup) {
        return context.runBlocking(() -> identityOf(lookup.get()
                .orElseThrow(() -> new AuthenticationFailedException("Invalid credentials"))));
    }

    static SecurityIdentity identityOf(Caller caller) {
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(caller.name()))
                .addRole("user")
                .addAttribute(Caller.ATTRIBUTE, caller);
        switch (caller.platformRole()) {
            case admin -> identity.addRole("admin").addRole("curator");
            case curator -> identity.addRole("curator");
            case member -> { }
        }
        return identity.build();
    }

    @ApplicationScoped
    static class Tokens implements IdentityProvider<TokenAuthenticationRequest> {
        private final TokenService tokens;

        Tokens(TokenService tokens) {
            this.tokens = tokens;
        }

        @Override
        public Class<TokenAuthenticationRequest> getRequestType() {
            return TokenAuthenticationRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
            return resolve(context, () -> tokens.authenticate(request.getToken().getToken()));
        }
    }

    @ApplicationScoped
    static class Passwords implements IdentityProvider<UsernamePasswordAuthenticationRequest> {
        private final AccountService accounts;

        Passwords(AccountService accounts) {
            this.accounts = accounts;
        }

        @Override
        public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
            return UsernamePasswordAuthenticationRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                                  AuthenticationRequestContext context) {
            return resolve(context, () -> accounts.authenticate(request.getUsername(),
                    new String(request.getPassword().getPassword())));
        }
    }

    @ApplicationScoped
    static class Sessions implements IdentityProvider<SessionAuthenticationRequest> {
        private final SessionService sessions;

        Sessions(SessionService sessions) {
            this.sessions = sessions;
        }

        @Override
        public Class<SessionAuthenticationRequest> getRequestType() {
            return SessionAuthenticationRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(SessionAuthenticationRequest request, AuthenticationRequestContext context) {
            return resolve(context, () -> sessions.resolve(request.secret()));
        }
    }
}
