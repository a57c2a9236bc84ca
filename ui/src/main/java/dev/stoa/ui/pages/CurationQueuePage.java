package dev.stoa.ui.pages;

import dev.stoa.ui.curation.CurationItem;
import dev.stoa.ui.view.Site;
import dev.stoa.ui.view.Viewer;
import io.quarkus.qute.TemplateInstance;

import java.util.List;

/** The curation queue: pending requests the viewer may decide, oldest first, with their checks side by side. */
public record CurationQueuePage(Site site, Viewer viewer, List<CurationItem> items, String nextUrl) implements TemplateInstance {
}
