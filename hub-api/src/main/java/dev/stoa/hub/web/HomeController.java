package dev.stoa.hub.web;

import dev.stoa.ui.pages.HomePage;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/")
public class HomeController {

    private final PageContext pages;
    private final SecurityIdentity identity;

    public HomeController(PageContext pages, SecurityIdentity identity) {
        this.pages = pages;
        this.identity = identity;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance home() {
        return new HomePage(pages.site(), pages.viewer(identity));
    }
}
