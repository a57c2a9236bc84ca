package dev.stoa.hub.web.repo;

import dev.stoa.hub.repo.RawRepoPath;
import dev.stoa.hub.repo.RefService;
import dev.stoa.hub.repo.RepoId;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.RepoView;
import dev.stoa.hub.web.PageContext;
import dev.stoa.hub.web.PortalPaths;
import dev.stoa.hub.web.PortalRepos;
import dev.stoa.ui.repo.Crumb;
import dev.stoa.ui.repo.Links;
import dev.stoa.ui.repo.RefOption;
import dev.stoa.ui.repo.RefSwitch;
import dev.stoa.ui.view.Site;
import dev.stoa.ui.view.Viewer;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** What every repository page needs: the repository opened with the viewer's rights, links, the revision switcher. */
@RequestScoped
public class RepoPageParts {

    private final PortalRepos portal;
    private final PageContext pages;
    private final SecurityIdentity identity;
    private final RefService refs;

    public RepoPageParts(PortalRepos portal, PageContext pages, SecurityIdentity identity, RefService refs) {
        this.portal = portal;
        this.pages = pages;
        this.identity = identity;
        this.refs = refs;
    }

    public PortalRepos portal() {
        return portal;
    }

    public Site site() {
        return pages.site();
    }

    public Viewer viewer() {
        return pages.viewer(identity);
    }

    /** The repository when the viewer may read it; a "not found" page otherwise, whether it is missing or private. */
    public RepoView readable(RepoType type, String namespace, String name) {
        return portal.readable(type, namespace, name);
    }

    /** The revision and path after {@code keyword} in the request's raw path (an encoded slash stays in the revision). */
    public static RawRepoPath target(String rawPath, RepoType type, String namespace, String name, String keyword) {
        List<String> prefix = type == RepoType.dataset ? List.of("datasets") : List.of();
        return RawRepoPath.parse(rawPath, prefix, new RepoId(type, namespace, name), keyword);
    }

    /** {@code base/keyword/rev[/path]}, each part encoded. */
    public static String at(RepoView repo, String keyword, String revision, String path) {
        String url = PortalPaths.page(repo) + "/" + keyword + "/" + Links.segment(revision);
        return path.isEmpty() ? url : url + "/" + Links.path(path);
    }

    /** The branches and tags, each leading to {@code urlAt.apply(name)}: the same page at that revision. */
    public RefSwitch refSwitch(RepoView repo, String current, Function<String, String> urlAt) {
        RefService.RefListing listing = refs.list(repo, false);
        List<RefOption> branches = listing.branches().stream()
                .map(ref -> new RefOption(ref.name(), urlAt.apply(ref.name()), ref.name().equals(current))).toList();
        List<RefOption> tags = listing.tags().stream()
                .map(ref -> new RefOption(ref.name(), urlAt.apply(ref.name()), ref.name().equals(current))).toList();
        return new RefSwitch(current, branches, tags);
    }

    /** The trail from the repository's root folder to {@code path}; the last step (the page shown) has no link. */
    public static List<Crumb> crumbs(RepoView repo, String revision, String path) {
        List<Crumb> crumbs = new ArrayList<>();
        crumbs.add(new Crumb(repo.repoId().name(), path.isEmpty() ? null : at(repo, "tree", revision, "")));
        if (path.isEmpty()) {
            return crumbs;
        }
        String[] parts = path.split("/");
        StringBuilder sofar = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            sofar.append(i == 0 ? "" : "/").append(parts[i]);
            crumbs.add(new Crumb(parts[i], i == parts.length - 1 ? null : at(repo, "tree", revision, sofar.toString())));
        }
        return crumbs;
    }

    /** The folder that holds {@code path}, {@code ""} for the root. */
    public static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }
}
