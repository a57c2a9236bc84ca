package dev.stoa.ui.pages;

import dev.stoa.ui.view.Site;
import dev.stoa.ui.view.Viewer;
import dev.stoa.ui.view.account.MemberRow;
import io.quarkus.qute.TemplateInstance;

import java.util.List;

/**
 * The members of an organisation, for its members; its admins also add, change and remove them.
 *
 * @param canManage whether the viewer may add members, change roles and remove members
 * @param addUser   the user name typed last in the add form, kept after a refusal
 */
public record OrgMembersPage(Site site, Viewer viewer, String org, String fullname, boolean canManage,
                             List<MemberRow> members, String notice, String error, String addUser, String addRole)
        implements TemplateInstance {
}
