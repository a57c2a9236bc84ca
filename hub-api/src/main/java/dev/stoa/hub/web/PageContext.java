package dev.stoa.hub.web;

import dev.stoa.hub.ops.BaseUrl;
import dev.stoa.hub.sso.SsoProvider;
import dev.stoa.ui.view.Site;
import dev.stoa.ui.view.Viewer;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** What every portal page needs to know: this Stoa, and who is looking. */
@ApplicationScoped
public class PageContext {

    private final BaseUrl baseUrl;
    private final CsrfTokens csrf;
    private final String version;
    private final String ssoName;

    public PageContext(BaseUrl baseUrl, CsrfTokens csrf, SsoProvider sso,
                       @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev") String version) {
        this.baseUrl = baseUrl;
        this.csrf = csrf;
        this.version = version;
        this.ssoName = sso.portalEnabled() ? sso.displayName() : null;
    }

    /** This Stoa as the page's reader reached it. */
    public Site site() {
        return new Site(baseUrl.get(), version, ssoName);
    }

    /** Who is looking, with the token the page's forms send back (see {@link CsrfTokens}). */
    public Viewer viewer(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return new Viewer(null, false, csrf.current());
        }
        var caller = dev.stoa.hub.identity.Caller.of(identity);
        return new Viewer(identity.getPrincipal().getName(), identity.hasRole("admin"), csrf.current(),
                caller.map(dev.stoa.hub.identity.Caller::isModerator).orElse(false),
                caller.map(dev.stoa.hub.identity.Caller::isCurator).orElse(false));
    }
}
