package dev.stoa.ui.pages;

import dev.stoa.ui.browse.HomeView;
import dev.stoa.ui.view.Site;
import dev.stoa.ui.view.Viewer;
import io.quarkus.qute.TemplateInstance;

/** The landing page: what is new and popular, curators' picks, and how to point a Hugging Face client at Stoa. */
public record HomePage(Site site, Viewer viewer, HomeView home) implements TemplateInstance {
}
