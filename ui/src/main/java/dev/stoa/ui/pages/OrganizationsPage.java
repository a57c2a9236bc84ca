package dev.stoa.ui.pages;

import dev.stoa.ui.view.Site;
import dev.stoa.ui.view.Viewer;
import dev.stoa.ui.view.account.OrgRow;
import io.quarkus.qute.TemplateInstance;

import java.util.List;

/** The organisations the viewer belongs to, with a way to create one. */
public record OrganizationsPage(Site site, Viewer viewer, List<OrgRow> organizations, String notice)
        implements TemplateInstance {
}
