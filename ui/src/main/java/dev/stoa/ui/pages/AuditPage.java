package dev.stoa.ui.pages;

import dev.stoa.ui.view.Site;
import dev.stoa.ui.view.Viewer;
import dev.stoa.ui.view.audit.AuditFilters;
import dev.stoa.ui.view.audit.AuditRow;
import io.quarkus.qute.TemplateInstance;

import java.util.List;

/**
 * The audit trail, for platform administrators ({@code /admin/audit}, {@code org} null) or an organisation's admins
 * ({@code /organizations/{org}/audit}): a search form, the events newest first, the next page and an export link.
 *
 * @param path      this page's path, the form's action
 * @param nextUrl   the next page (older events), null on the last one
 * @param exportUrl the JSON lines export of the same search
 * @param error     why the search was refused (a malformed date), shown above the form
 */
public record AuditPage(Site site, Viewer viewer, String org, String path, AuditFilters filters, List<AuditRow> events,
                        String nextUrl, String exportUrl, String error) implements TemplateInstance {
}
