package dev.stoa.ui.pages;

import dev.stoa.ui.view.RepoHeader;
import dev.stoa.ui.view.Site;
import dev.stoa.ui.view.Viewer;
import dev.stoa.ui.view.account.GateFieldView;
import io.quarkus.qute.TemplateInstance;

import java.util.List;

/**
 * A gated repository's access form: the card's prompt and questions, and where the viewer's request stands.
 *
 * @param gated           {@code auto} or {@code manual}; {@code null} when the repository is not gated
 * @param promptHtml      the card's prompt as sanitised HTML (from {@code MarkdownHtml})
 * @param descriptionHtml the card's description as sanitised HTML, or {@code null}
 * @param status          the viewer's request: {@code pending}, {@code accepted}, {@code rejected}, or {@code null}
 * @param canDownload     whether the viewer may download the files now (accepted, or by role)
 * @param showForm        whether the form is offered (gated, no accepted or rejected request, no access by role)
 */
public record AskAccessPage(Site site, Viewer viewer, RepoHeader header, String gated, String heading, String promptHtml,
                            String descriptionHtml, String buttonContent, List<GateFieldView> fields, String status,
                            boolean canDownload, boolean showForm, String notice, String error)
        implements TemplateInstance {
}
