package dev.stoa.hub.web;

import dev.stoa.hub.config.StoaConfig;
import dev.stoa.hub.sso.SsoProvider;
import dev.stoa.ui.view.Site;
import dev.stoa.ui.view.Viewer;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** What every portal page needs to know: this Stoa, and who is looking. */
@ApplicationScoped
public class PageContext {

    private final Site site;
    private final CsrfTokens csrf;

    public PageContext(StoaConfig config, CsrfTokens csrf, SsoProvider sso,
                       @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev") String version) {
        this.csrf = csrf;
        this.site = new Site(stripTrailingSlash(config.baseUrl()), version, sso.portalEnabled() ? sso.displayName() : null);
    }

    public Site site() {
        return site;
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

    static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
