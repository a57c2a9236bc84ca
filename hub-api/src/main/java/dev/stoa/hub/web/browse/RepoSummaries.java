package dev.stoa.hub.web.browse;

import dev.stoa.hub.catalog.RepoLikes;
import dev.stoa.hub.curation.CurationService;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.repo.Gating;
import dev.stoa.hub.repo.RepoMetadata;
import dev.stoa.hub.repo.RepoPage;
import dev.stoa.hub.repo.RepoView;
import dev.stoa.hub.web.PortalPaths;
import dev.stoa.ui.browse.RepoCards;
import dev.stoa.ui.browse.RepoSummary;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Turns a page of a listing into cards: one query for the viewer's likes, none per repository. */
@ApplicationScoped
public class RepoSummaries {

    private final RepoLikes likes;
    private final CurationService curation;

    public RepoSummaries(RepoLikes likes, CurationService curation) {
        this.likes = likes;
        this.curation = curation;
    }

    public RepoCards cards(RepoPage page, Optional<Caller> viewer, String empty) {
        List<Long> ids = page.entries().stream().map(e -> e.repo().id()).toList();
        Set<Long> liked = viewer.map(c -> likes.likedAmong(ids, c.accountId())).orElse(Set.of());
        Set<Long> curated = curation.curatedAmong(ids);
        Instant now = Instant.now();
        return new RepoCards(page.entries().stream().map(e -> summary(e, liked.contains(e.repo().id()),
                curated.contains(e.repo().id()), now)).toList(), empty);
    }

    static RepoSummary summary(RepoPage.Entry entry, boolean liked, boolean curated, Instant now) {
        RepoView repo = entry.repo();
        Optional<RepoMetadata> m = entry.metadata();
        return new RepoSummary(repo.type().name(), repo.repoId().id(), PortalPaths.page(repo), repo.isPrivate(),
                repo.gated() == Gating.off ? null : repo.gated().name(),
                m.map(RepoMetadata::kind).orElse(RepoMetadata.BASE), m.map(RepoMetadata::pipelineTag).orElse(null),
                m.map(RepoMetadata::libraryName).orElse(null), m.map(RepoMetadata::license).orElse(null),
                repo.downloads(), repo.likes(), repo.lastModified().toString(), ago(repo.lastModified(), now), liked, curated);
    }

    /** "just now", "5 minutes ago", "3 days ago", "on 2026-01-02". */
    static String ago(Instant then, Instant now) {
        Duration d = Duration.between(then, now);
        if (d.isNegative() || d.toMinutes() < 1) {
            return "just now";
        }
        if (d.toHours() < 1) {
            return plural(d.toMinutes(), "minute");
        }
        if (d.toDays() < 1) {
            return plural(d.toHours(), "hour");
        }
        if (d.toDays() < 31) {
            return plural(d.toDays(), "day");
        }
        return "on " + then.toString().substring(0, 10);
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s") + " ago";
    }
}
