package dev.stoa.ui.pages;

import dev.stoa.ui.view.Site;
import dev.stoa.ui.view.Viewer;
import dev.stoa.ui.view.moderation.ReportLine;
import io.quarkus.qute.TemplateInstance;

import java.util.List;

/** {@code /settings/reports}: the viewer's community reports and what moderators decided. */
public record MyReportsPage(Site site, Viewer viewer, List<ReportLine> reports) implements TemplateInstance {
}
