package dev.stoa.hub.hf;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.stoa.hub.check.CheckSummaries;
import dev.stoa.hub.files.CommitSummary;
import dev.stoa.hub.files.RepoEntry;

import java.time.Instant;
import java.util.Map;

/**
 * One entry of the tree and paths-info answers, as huggingface_hub's {@code RepoFile}/{@code RepoFolder} read
 * it: {@code type}, {@code path}, {@code oid} always, {@code size} for files, {@code lfs} for LFS files (its
 * {@code oid} is the sha256), {@code lastCommit} and, for files, {@code securityFileStatus} (from the check runs, all three
 * keys) when expanded.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TreeEntryJson(String type, String oid, Long size, String path, Lfs lfs, LastCommit lastCommit,
                            Map<String, Object> securityFileStatus) {

    public record Lfs(String oid, long size, long pointerSize) {
    }

    public record LastCommit(String id, String title, Instant date) {
    }

    static TreeEntryJson of(RepoEntry entry, CommitSummary lastCommit) {
        return of(entry, lastCommit, null);
    }

    /** The entry; a file gets {@code security} as its {@code securityFileStatus} when it is given. */
    static TreeEntryJson of(RepoEntry entry, CommitSummary lastCommit, CheckSummaries.FileStatuses security) {
        LastCommit last = lastCommit == null ? null : new LastCommit(lastCommit.id(), lastCommit.title(), lastCommit.date());
        if (!entry.isFile()) {
            return new TreeEntryJson("directory", entry.oid(), null, entry.path(), null, last, null);
        }
        Lfs lfs = entry.lfs().map(p -> new Lfs(p.sha256(), p.size(), entry.pointerSize())).orElse(null);
        return new TreeEntryJson("file", entry.oid(), entry.size(), entry.path(), lfs, last,
                security == null ? null : security.of(entry.path()));
    }
}
