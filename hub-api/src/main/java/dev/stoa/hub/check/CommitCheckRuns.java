package dev.stoa.hub.check;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Read access to the check runs of one commit, for features that judge a revision by them (policies, curation). */
@ApplicationScoped
public class CommitCheckRuns {

    private final CheckRuns runs;

    CommitCheckRuns(CheckRuns runs) {
        this.runs = runs;
    }

    /** The runs of {@code commit} in the repository {@code repoId}, by check name; empty when none ran. */
    public List<CheckRunView> of(long repoId, String commit) {
        return runs.list(repoId, commit);
    }
}
