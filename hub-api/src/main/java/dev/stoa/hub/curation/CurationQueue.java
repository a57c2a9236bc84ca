package dev.stoa.hub.curation;

import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.repo.RepoService;
import dev.stoa.hub.repo.RepoView;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The curation queue as curators see it: the pending requests with their eligibility (API and portal). */
@ApplicationScoped
public class CurationQueue {

    private final CurationService curation;
    private final CurationEligibility eligibility;
    private final RepoService repos;

    CurationQueue(CurationService curation, CurationEligibility eligibility, RepoService repos) {
        this.curation = curation;
        this.eligibility = eligibility;
        this.repos = repos;
    }

    public List<CurationJson.Detailed> page(Caller caller, long after, int limit) {
        List<CurationJson.Detailed> page = new ArrayList<>();
        for (CurationRequest request : curation.queue(caller, after, limit)) {
            Optional<RepoView> repo = repos.findById(request.repoId());
            repo.ifPresent(r -> page.add(CurationJson.Detailed.of(CurationResource.json(r, request), eligibility.of(r, request.commit()))));
        }
        return page;
    }
}
