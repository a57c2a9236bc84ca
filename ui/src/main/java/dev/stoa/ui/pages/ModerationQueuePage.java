package dev.stoa.ui.pages;

import dev.stoa.ui.view.Choice;
import dev.stoa.ui.view.Site;
import dev.stoa.ui.view.Viewer;
import dev.stoa.ui.view.moderation.QuarantineLine;
import dev.stoa.ui.view.moderation.ReportLine;
import io.quarkus.qute.TemplateInstance;

import java.util.List;

/**
 * The moderators' queue {@code /moderation}: community reports (open ones first, oldest first) with a decision form
 * each, and the active quarantines with a lift form each.
 *
 * @param statuses the report filter's choices
 * @param notice   what the last action did, or {@code null}
 */
public record ModerationQueuePage(Site site, Viewer viewer, List<ReportLine> reports, List<Choice> statuses,
                                  List<QuarantineLine> quarantines, String notice) implements TemplateInstance {
}
