package dev.stoa.hub.curation;

import dev.stoa.hub.check.CheckRunView;

import java.time.Instant;
import java.util.List;

/** The curation API's JSON. */
public final class CurationJson {

    private CurationJson() {
    }

    /** One request as the API shows it; absent parts are null. */
    public record Request(long id, String repo, String type, String commit, String revision, String wantedTag, String note,
                   String status, String submittedBy, Instant submittedAt, String tag, String decidedBy, Instant decidedAt,
                   String comment) {
        public static Request of(CurationRequest r, String repo, String type) {
            return new Request(r.id(), repo, type, r.commit(), r.revision(), r.wantedTag().orElse(null), r.note(),
                    r.status().name(), r.submittedBy().orElse(null), r.submittedAt(), r.tag().orElse(null),
                    r.decidedBy().orElse(null), r.decidedAt().orElse(null), r.comment().orElse(null));
        }
    }

    /** One check run of a submitted commit, beside the others. */
    public record Check(String check, String plugin, String status, String verdict, String summary, int findings) {
        public static Check of(CheckRunView run) {
            return new Check(run.check(), run.pluginId(), run.status().name(), run.verdict(), run.summary(), run.findings().size());
        }
    }

    /** A request with what decides whether it can be approved. */
    public record Detailed(Request request, boolean eligible, List<String> blocking, List<String> notes, String policyVersion,
                           List<Check> checks) {
        public static Detailed of(Request request, CurationEligibility.Eligibility eligibility) {
            return new Detailed(request, eligibility.eligible(), eligibility.blocking(), eligibility.notes(),
                    eligibility.policy().policyVersion(), eligibility.checks().stream().map(Check::of).toList());
        }
    }
}
