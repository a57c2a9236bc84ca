package dev.stoa.hub.curation;

import dev.stoa.hub.repo.ProtectedRefs;
import dev.stoa.hub.repo.Refs;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * Keeps approved revisions where they were approved: the tag of an approved curation request can be moved or
 * deleted by nobody, tags under {@code curated/} are made only by approvals, and no branch may take a protected
 * tag's name (a branch wins over a tag when a revision is resolved by name).
 */
@ApplicationScoped
class CuratedTags implements ProtectedRefs {

    private final CurationRows rows;

    CuratedTags(CurationRows rows) {
        this.rows = rows;
    }

    @Override
    public Optional<String> refusal(long repoId, String ref) {
        boolean tag = ref.startsWith(Refs.TAGS);
        if (!tag && !ref.startsWith(Refs.HEADS)) {
            return Optional.empty();
        }
        String name = ref.substring(tag ? Refs.TAGS.length() : Refs.HEADS.length());
        Optional<CurationRequest> approved = rows.approvedTag(repoId, name);
        if (approved.isPresent()) {
            CurationRequest request = approved.get();
            return Optional.of((tag ? "the tag '" : "the name '") + name + "' marks the curated revision " + request.commit()
                    + " (approved by " + request.decidedBy().orElse("a curator") + "); protected tags cannot be moved or"
                    + " deleted by anyone, and no branch may take their name. Submit a new revision for curation instead.");
        }
        if (name.startsWith(CurationService.TAG_PREFIX)) {
            return Optional.of("names under '" + CurationService.TAG_PREFIX + "' are reserved for revisions approved by"
                    + " curators; choose another name, or submit the revision for curation.");
        }
        return Optional.empty();
    }
}
