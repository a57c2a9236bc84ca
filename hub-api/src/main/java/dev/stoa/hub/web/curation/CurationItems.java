package dev.stoa.hub.web.curation;

import dev.stoa.hub.curation.CurationEligibility;
import dev.stoa.hub.curation.CurationRequest;
import dev.stoa.hub.repo.RepoView;
import dev.stoa.hub.web.PortalPaths;
import dev.stoa.ui.curation.CurationCheck;
import dev.stoa.ui.curation.CurationItem;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Curation requests as the portal's view records. */
final class CurationItems {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private CurationItems() {
    }

    static CurationItem of(RepoView repo, CurationRequest r, CurationEligibility.Eligibility eligibility) {
        String base = PortalPaths.page(repo);
        return new CurationItem(r.id(), repo.repoId().id(), base, r.commit(), r.commit().substring(0, 7), r.revision(),
                r.wantedTag().orElse(""), r.note(), r.status().name(), switch (r.status()) {
                    case approved -> "ok";
                    case rejected -> "error";
                    case pending -> "muted";
                }, r.submittedBy().orElse("(deleted account)"), time(r.submittedAt()), r.tag().orElse(""),
                r.decidedBy().orElse(""), r.decidedAt().map(CurationItems::time).orElse(""), r.comment().orElse(""),
                eligibility.eligible(), eligibility.blocking(), eligibility.notes(), eligibility.policy().policyVersion(),
                eligibility.checks().stream().map(c -> CurationCheck.of(c.check(), c.status().name(), c.verdict(), c.summary())).toList(),
                base + "/curation/" + r.id());
    }

    private static String time(Instant instant) {
        return MINUTE.format(instant);
    }
}
