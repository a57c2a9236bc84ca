package dev.stoa.hub.curation;

import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.event.Change;
import dev.stoa.hub.event.Outbox;
import dev.stoa.hub.git.GitRepositories;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.repo.RefService;
import dev.stoa.hub.repo.Refs;
import dev.stoa.hub.repo.RepoErrors;
import dev.stoa.hub.repo.RepoView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Curation: an owner submits one commit of a repository; a curator approves it (when {@link CurationEligibility}
 * allows) or rejects it, with a comment. Approval tags the commit with a protected tag ({@code curated/<n>} or the
 * name asked for), which {@link CuratedTags} keeps anyone from moving or deleting. Approval belongs to that commit:
 * later commits are not curated until they are submitted and approved themselves. Every step fires an
 * {@link AuditRecord}.
 */
@ApplicationScoped
public class CurationService {

    static final String TAG_PREFIX = "curated/";
    private static final int MAX_NOTE = 4000;

    private final CurationRows rows;
    private final Curators curators;
    private final CurationEligibility eligibility;
    private final GitRepositories git;
    private final RefService refs;
    private final Outbox outbox;

    CurationService(CurationRows rows, Curators curators, CurationEligibility eligibility, GitRepositories git,
                    RefService refs, Outbox outbox) {
        this.rows = rows;
        this.curators = curators;
        this.eligibility = eligibility;
        this.git = git;
        this.refs = refs;
        this.outbox = outbox;
    }

    /** Submits {@code revision} (a commit id, branch or tag, resolved to its commit now); the caller may write the repository. */
    @Transactional
    public CurationRequest submit(RepoView repo, Caller caller, String revision, Optional<String> wantedTag, String note) {
        if (revision == null || revision.isBlank()) {
            throw ApiException.invalidField("revision", "Name the revision to submit: a commit id, a branch or a tag, e.g. {\"revision\": \"main\"}.");
        }
        String text = note == null ? "" : note.strip();
        if (text.length() > MAX_NOTE) {
            throw ApiException.invalidField("note", "The note is " + text.length() + " characters; keep it under " + MAX_NOTE + ".");
        }
        Optional<String> tag = wantedTag.map(String::strip).filter(t -> !t.isEmpty());
        tag.ifPresent(RefService::checkTagName);
        String commit;
        try (Repository repository = git.open(repo.id())) {
            commit = Refs.resolve(repository, revision.strip()).map(RevCommit::name)
                    .orElseThrow(() -> RepoErrors.revisionNotFound(repo.repoId(), revision));
            if (tag.isPresent() && repository.exactRef(Refs.TAGS + tag.get()) != null) {
                throw ApiException.conflict("TagExists", "The tag '" + tag.get() + "' already exists in " + repo.repoId()
                        + "; ask for another name, or leave the tag out to get curated/<n>.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long id = rows.insert(repo.id(), commit, revision.strip(), tag, text, caller.accountId());
        if (id < 0) {
            throw ApiException.conflict("AlreadySubmitted", "Commit " + commit + " of " + repo.repoId()
                    + " already waits for a curator; see GET .../curation.");
        }
        CurationRequest request = rows.find(repo.id(), id).orElseThrow();
        fire("curation.submitted", caller, repo, Map.of(), state(request));
        return request;
    }

    /** Approves a pending request: 403 unless a curator of the repository, 409 unless eligible (naming what blocks). */
    @Transactional
    public CurationRequest approve(RepoView repo, Caller caller, long id, String comment) {
        CurationRequest request = requireDecidable(repo, caller, id);
        CurationEligibility.Eligibility verdict = eligibility.of(repo, request.commit());
        if (!verdict.eligible()) {
            throw ApiException.conflict("NotEligible", "Commit " + request.commit() + " of " + repo.repoId()
                    + " cannot be approved: " + String.join("; ", verdict.blocking())
                    + " (policy: " + verdict.policy().policyVersion() + "). Fix the files and submit the new commit, or re-run the checks.");
        }
        String tag = request.wantedTag().orElseGet(() -> nextTag(repo));
        if (!rows.decide(id, CurationRequest.Status.approved, Optional.of(tag), caller.accountId(), text(comment))) {
            throw decidedMeanwhile(id);
        }
        refs.createProtectedTag(repo, caller, request.commit(), tag, "Curated by " + caller.name()
                + (text(comment).isEmpty() ? "" : ": " + text(comment)));
        CurationRequest approved = rows.find(repo.id(), id).orElseThrow();
        fire("curation.approved", caller, repo, state(request), state(approved));
        return approved;
    }

    @Transactional
    public CurationRequest reject(RepoView repo, Caller caller, long id, String comment) {
        CurationRequest request = requireDecidable(repo, caller, id);
        if (text(comment).isEmpty()) {
            throw ApiException.invalidField("comment", "Say why the revision is rejected, so that its owner can fix it: {\"comment\": \"...\"}.");
        }
        if (!rows.decide(id, CurationRequest.Status.rejected, Optional.empty(), caller.accountId(), text(comment))) {
            throw decidedMeanwhile(id);
        }
        CurationRequest rejected = rows.find(repo.id(), id).orElseThrow();
        fire("curation.rejected", caller, repo, state(request), state(rejected));
        return rejected;
    }

    public Optional<CurationRequest> find(RepoView repo, long id) {
        return rows.find(repo.id(), id);
    }

    /** The repository's requests, newest first. */
    public List<CurationRequest> ofRepo(RepoView repo) {
        return rows.ofRepo(repo.id(), 100);
    }

    /** The latest approval of the repository, if any: what model_info's {@code curated} and the badge show. */
    public Optional<CurationRequest> latestApproved(long repoId) {
        return rows.latestApproved(repoId);
    }

    /** Which of the repositories {@code repoIds} have an approved revision: one query, for listings. */
    public java.util.Set<Long> curatedAmong(List<Long> repoIds) {
        return rows.curatedAmong(repoIds);
    }

    /**
     * The pending requests {@code caller} may decide, oldest first, after request {@code afterId}: every one for a
     * platform curator, those of the organisations they curate otherwise; 403 for anyone else.
     */
    public List<CurationRequest> queue(Caller caller, long afterId, int limit) {
        if (!curators.curatesAnything(caller)) {
            throw ApiException.forbidden("The curation queue is for curators: platform curators and the curators"
                    + " organisation admins choose.");
        }
        return rows.pending(caller.isCurator() ? Optional.empty() : Optional.of(curators.organisationsOf(caller.accountId())),
                afterId, limit);
    }

    public boolean canCurate(Caller caller, RepoView repo) {
        return curators.canCurate(caller, repo);
    }

    private CurationRequest requireDecidable(RepoView repo, Caller caller, long id) {
        caller.requireWrite();
        if (!curators.canCurate(caller, repo)) {
            throw ApiException.forbidden("Only curators decide curation requests of " + repo.repoId()
                    + ": platform curators or curators of its organisation.");
        }
        CurationRequest request = rows.find(repo.id(), id).orElseThrow(() -> ApiException.notFound("CurationRequestNotFound",
                "There is no curation request " + id + " for " + repo.repoId() + "."));
        if (request.status() != CurationRequest.Status.pending) {
            throw ApiException.conflict("AlreadyDecided", "Curation request " + id + " was already " + request.status()
                    + "; submit the revision again for a new decision.");
        }
        if (request.submittedBy().filter(caller.name()::equals).isPresent()) {
            throw ApiException.forbidden("You submitted request " + id + " yourself; another curator must decide it.");
        }
        return request;
    }

    private String nextTag(RepoView repo) {
        int n = rows.approvedCount(repo.id()) + 1;
        try (Repository repository = git.open(repo.id())) {
            while (repository.exactRef(Refs.TAGS + TAG_PREFIX + n) != null || rows.approvedTag(repo.id(), TAG_PREFIX + n).isPresent()) {
                n++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return TAG_PREFIX + n;
    }

    private static ApiException decidedMeanwhile(long id) {
        return ApiException.conflict("AlreadyDecided", "Curation request " + id + " was decided meanwhile; look at it again.");
    }

    private static String text(String comment) {
        return comment == null ? "" : comment.strip();
    }

    private void fire(String action, Caller caller, RepoView repo, Map<String, Object> before, Map<String, Object> after) {
        outbox.change(action, repo.id(), Change.of("repo", repo.repoId().id(), repo.ownerId(), before, after).by(caller.actor()));
    }

    private static Map<String, Object> state(CurationRequest request) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("request", request.id());
        state.put("commit", request.commit());
        state.put("status", request.status().name());
        request.tag().ifPresent(t -> state.put("tag", t));
        request.comment().filter(c -> !c.isEmpty()).ifPresent(c -> state.put("comment", c));
        return state;
    }
}
