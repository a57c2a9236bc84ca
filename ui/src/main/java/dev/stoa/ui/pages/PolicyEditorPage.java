package dev.stoa.ui.pages;

import dev.stoa.ui.view.Site;
import dev.stoa.ui.view.Viewer;
import dev.stoa.ui.view.policy.PolicyForm;
import dev.stoa.ui.view.policy.PolicyVersionRow;
import io.quarkus.qute.TemplateInstance;

import java.util.List;

/**
 * The policy editor of the platform ({@code /admin/policy}) or of an organisation ({@code /organizations/{org}/policy}):
 * the policy in force, a form for a new version (for those who may change it) and the saved versions.
 *
 * @param org      the organisation, null for the platform policy
 * @param inForce  which version applies now, e.g. {@code platform v3}
 * @param inherited whether the organisation has no override and the platform policy applies
 * @param action   where the form posts
 * @param nextPage the history's next page link, null at the end
 */
public record PolicyEditorPage(Site site, Viewer viewer, String org, String inForce, boolean inherited, boolean canEdit,
                               String action, PolicyForm form, List<PolicyVersionRow> history, String nextPage,
                               String notice, String error) implements TemplateInstance {
}
