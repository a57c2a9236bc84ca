package dev.stoa.ui.browse;

import java.util.List;

/**
 * A user's or an organisation's page.
 *
 * @param name            the account's name
 * @param fullname        its display name, or {@code null}
 * @param isOrg           whether it is an organisation
 * @param models          its models the viewer may see (the first ones)
 * @param modelsTotal     how many models the viewer may see
 * @param datasets        its datasets the viewer may see (the first ones)
 * @param datasetsTotal   how many datasets the viewer may see
 * @param members         the organisation's members, when the viewer may see them; otherwise empty
 * @param membersVisible  whether the viewer may see the member list
 * @param likes           what a user likes (only what the viewer may see)
 * @param isViewer        whether the viewer looks at their own page
 */
public record NamespaceView(String name, String fullname, boolean isOrg, RepoCards models, long modelsTotal,
                            RepoCards datasets, long datasetsTotal, List<Member> members, boolean membersVisible,
                            List<Liked> likes, boolean isViewer) {

    public String modelsUrl() {
        return "/models?author=" + name;
    }

    public String datasetsUrl() {
        return "/datasets?author=" + name;
    }

    public String membersUrl() {
        return "/organizations/" + name + "/members";
    }

    /** The name shown as the headline: the full name when there is one. */
    public String title() {
        return fullname == null || fullname.isBlank() ? name : fullname;
    }

    public boolean hasFullname() {
        return fullname != null && !fullname.isBlank() && !fullname.equals(name);
    }

    public boolean moreModels() {
        return modelsTotal > models.items().size();
    }

    public boolean moreDatasets() {
        return datasetsTotal > datasets.items().size();
    }

    /** A member of an organisation. */
    public record Member(String name, String fullname, String role) {
    }

    /** A liked repository. */
    public record Liked(String id, String url, String type) {
    }
}
