package dev.stoa.ui.view;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The top of every page of one repository: its name, labels, counters and tabs.
 *
 * @param type      {@code model} or {@code dataset}
 * @param namespace the owning user or organisation
 * @param name      the repository's name
 * @param isPrivate whether only its owners can see it
 * @param gated     {@code auto} or {@code manual} when downloads need an accepted request, otherwise {@code null}
 * @param downloads downloads counted for it
 * @param likes     how many people like it
 * @param liked     whether the viewer likes it
 * @param revision  the branch, tag or commit the page shows (kept when switching tabs)
 * @param tab       which tab is open: {@code card}, {@code files}, {@code commits}, {@code checks},
 *                  {@code curation}, {@code evaluation}, {@code deploy} or {@code settings}
 * @param canWrite  whether the viewer may commit to it
 * @param canAdmin  whether the viewer may change its settings
 * @param curatedTag the protected tag of the repository's latest approved revision, or {@code null} when none
 */
public record RepoHeader(String type, String namespace, String name, boolean isPrivate, String gated,
                         long downloads, long likes, boolean liked, String revision, String tab,
                         boolean canWrite, boolean canAdmin, String curatedTag) {

    /** A header without a curated revision. */
    public RepoHeader(String type, String namespace, String name, boolean isPrivate, String gated, long downloads, long likes,
                      boolean liked, String revision, String tab, boolean canWrite, boolean canAdmin) {
        this(type, namespace, name, isPrivate, gated, downloads, likes, liked, revision, tab, canWrite, canAdmin, null);
    }

    public String curationUrl() {
        return url() + "/curation";
    }

    /** The files of the curated revision. */
    public String curatedUrl() {
        return url() + "/tree/" + URLEncoder.encode(curatedTag == null ? "" : curatedTag, StandardCharsets.UTF_8);
    }

    /** {@code ns/name}, as clients name it. */
    public String id() {
        return namespace + "/" + name;
    }

    public boolean isDataset() {
        return "dataset".equals(type);
    }

    /** The repository's page: {@code /ns/name} or {@code /datasets/ns/name}. */
    public String url() {
        return (isDataset() ? "/datasets/" : "/") + namespace + "/" + name;
    }

    /** The revision as it goes into a URL path segment. */
    public String revisionInUrl() {
        return URLEncoder.encode(revision, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public String filesUrl() {
        return url() + "/tree/" + revisionInUrl();
    }

    public String commitsUrl() {
        return url() + "/commits/" + revisionInUrl();
    }

    public String checksUrl() {
        return url() + "/checks";
    }

    public String settingsUrl() {
        return url() + "/settings";
    }

    /** The {@code aria-current} attribute for a tab link, so the open tab is announced and styled. */
    public String current(String candidate) {
        return candidate.equals(tab) ? "page" : "false";
    }
}
