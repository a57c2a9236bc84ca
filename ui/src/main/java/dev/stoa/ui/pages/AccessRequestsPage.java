package dev.stoa.ui.pages;

import dev.stoa.ui.view.RepoHeader;
import dev.stoa.ui.view.Site;
import dev.stoa.ui.view.Viewer;
import dev.stoa.ui.view.account.AccessRequestRow;
import io.quarkus.qute.TemplateInstance;

import java.util.List;

/**
 * The access requests of a gated repository, for those who may decide on them.
 *
 * @param pageUrl   this page ({@code /ns/name/settings/access-requests}), where the forms post
 * @param status    the list shown: {@code pending}, {@code accepted} or {@code rejected}
 * @param exportUrl the history of requests and decisions, as JSON lines; add {@code ?format=csv} for CSV
 * @param previous  the previous page of the list, or {@code null}
 * @param next      the next page of the list, or {@code null}
 */
public record AccessRequestsPage(Site site, Viewer viewer, RepoHeader header, String pageUrl, String status,
                                 long pending, long accepted, long rejected, List<AccessRequestRow> requests,
                                 String exportUrl, String previous, String next, String notice, String error)
        implements TemplateInstance {
}
