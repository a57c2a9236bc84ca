package dev.stoa.hub.hf;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.stoa.hub.files.CommitSummary;
import dev.stoa.hub.files.RepoEntry;

import java.time.Instant;

/**
 * One entry of the tree and paths-info answers, as huggingface_hub's {@code RepoFile}/{@code RepoFolder} read
 * it: {@code type}, {@code path}, {@code oid} always, {@code size} for files, {@code lfs} for LFS files (its
 * {@code oid} is the sha256), {@code lastCommit} when expanded. Never {@code securityFileStatus}: it comes
 * with the scanners, whole or not at all.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TreeEntryJson(String type, String oid, Long size, String path, Lfs lfs, LastCommit lastCommit) {

    public record Lfs(String oid, long size, long pointerSize) {
    }

    public record LastCommit(String id, String title, Instant date) {
    }

    static TreeEntryJson of(RepoEntry entry, CommitSummary lastCommit) {
        LastCommit last = lastCommit == null ? null : new LastCommit(lastCommit.id(), lastCommit.title(), lastCommit.date());
        if (!entry.isFile()) {
            return new TreeEntryJson("directory", entry.oid(), null, entry.path(), null, last);
        }
        Lfs lfs = entry.lfs().map(p -> new Lfs(p.sha256(), p.size(), entry.pointerSize())).orElse(null);
        return new TreeEntryJson("file", entry.oid(), entry.size(), entry.path(), lfs, last);
    }
}
