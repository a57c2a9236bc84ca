package dev.stoa.ui.pages;

import dev.stoa.ui.view.Site;
import dev.stoa.ui.view.Viewer;
import io.quarkus.qute.TemplateInstance;

/** The form that creates an organisation; the values typed last are kept after a refusal. */
public record NewOrganizationPage(Site site, Viewer viewer, String name, String fullname, String error)
        implements TemplateInstance {
}
