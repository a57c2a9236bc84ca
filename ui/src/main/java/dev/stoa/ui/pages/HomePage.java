package dev.stoa.ui.pages;

import dev.stoa.ui.view.Site;
import dev.stoa.ui.view.Viewer;
import io.quarkus.qute.TemplateInstance;

/** The landing page: what Stoa is, how to point a Hugging Face client at it. */
public record HomePage(Site site, Viewer viewer) implements TemplateInstance {
}
