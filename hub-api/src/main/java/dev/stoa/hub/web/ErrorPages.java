package dev.stoa.hub.web;

import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.error.PortalErrorPage;
import dev.stoa.ui.pages.ErrorPage;
import dev.stoa.ui.view.Viewer;
import jakarta.enterprise.context.ApplicationScoped;

/** Refusals of portal pages as the portal's error page, with a sign-in link where signing in would help. */
@ApplicationScoped
class ErrorPages implements PortalErrorPage {

    private final PageContext pages;

    ErrorPages(PageContext pages) {
        this.pages = pages;
    }

    @Override
    public String render(String path, ApiException error, String title) {
        return new ErrorPage(pages.site(), Viewer.ANONYMOUS, error.status(), title, error.getMessage(),
                ErrorPage.signInUrlFor(path)).render();
    }
}
