package dev.stoa.hub.web;

import dev.stoa.hub.identity.AccountService;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.identity.auth.PortalCookies;
import dev.stoa.hub.identity.auth.SessionService;
import dev.stoa.hub.identity.auth.StoaAuthenticationMechanism;
import dev.stoa.hub.ops.PublicRoute;
import dev.stoa.hub.sso.SsoProvider;
import dev.stoa.ui.pages.LoginPage;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.Optional;

/** Portal sign-in and sign-out with a local account. */
@Path("/")
public class SessionController {

    private final PageContext pages;
    private final AccountService accounts;
    private final SessionService sessions;
    private final SecurityIdentity identity;
    private final CsrfTokens csrf;
    private final SsoProvider sso;
    private final PortalCookies cookies;

    public SessionController(PageContext pages, AccountService accounts, SessionService sessions, SecurityIdentity identity,
                             CsrfTokens csrf, SsoProvider sso, PortalCookies cookies) {
        this.sso = sso;
        this.cookies = cookies;
        this.pages = pages;
        this.csrf = csrf;
        this.accounts = accounts;
        this.sessions = sessions;
        this.identity = identity;
    }

    @GET
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    @PublicRoute("The sign-in page.")
    public TemplateInstance loginForm(@QueryParam("next") String next) {
        return new LoginPage(pages.site(), pages.viewer(identity), null, null, LocalPath.orHome(next));
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @PublicRoute("Signing in: the password is the check.")
    public Response login(@FormParam(CsrfTokens.FIELD) String csrfToken, @FormParam("username") String username,
                          @FormParam("password") String password, @FormParam("next") String next) {
        csrf.verify(csrfToken);
        Optional<Caller> caller = accounts.authenticate(username, password);
        if (caller.isEmpty()) {
            return Response.status(Response.Status.UNAUTHORIZED)
                    .entity(new LoginPage(pages.site(), pages.viewer(null), "Wrong username or password.", username,
                            LocalPath.orHome(next)))
                    .build();
        }
        String secret = sessions.open(caller.get().accountId());
        return Response.seeOther(URI.create(LocalPath.orHome(next)))
                .cookie(cookies.session(secret))
                .build();
    }

    @POST
    @Path("logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @PublicRoute("Signing out ends only the session of the cookie sent (CSRF-checked).")
    public Response logout(@FormParam(CsrfTokens.FIELD) String csrfToken,
                           @CookieParam(StoaAuthenticationMechanism.SESSION_COOKIE) String secret) {
        csrf.verify(csrfToken);
        // A session opened by single sign-on ends at the provider too, which then sends the browser back home.
        URI next = sessions.ssoIdTokenOf(secret)
                .flatMap(idToken -> sso.endSessionUri(idToken, pages.site().baseUrl() + "/"))
                .orElse(URI.create("/"));
        sessions.close(secret);
        return Response.seeOther(next).cookie(cookies.sessionEnded()).build();
    }
}
