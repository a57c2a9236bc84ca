package dev.stoa.hub.hf;

import dev.stoa.hub.files.FileDownloads;
import dev.stoa.hub.repo.RawRepoPath;
import jakarta.ws.rs.core.Response;

import java.util.Locale;
import java.util.Set;

/**
 * The headers every answer of a resolve request carries, whether 200, 206 or a 302 to the object store: the
 * client reads the commit, the ETag and the size from them. Uploaded content must never run in Stoa's origin,
 * so files are served as plain text at most, never as HTML or script, and with {@code nosniff}.
 */
final class DownloadHeaders {

    private static final Set<String> TEXT_EXTENSIONS = Set.of("txt", "md", "json", "jsonl", "yaml", "yml", "csv", "tsv",
            "py", "cfg", "ini", "toml", "gitattributes", "gitignore", "model-index", "license", "readme");
    static final String TEXT = "text/plain; charset=utf-8";
    static final String BINARY = "application/octet-stream";

    private DownloadHeaders() {
    }

    static Response.ResponseBuilder apply(Response.ResponseBuilder response, FileDownloads.Target target) {
        response.header("X-Repo-Commit", target.commitId())
                .header("Accept-Ranges", "bytes")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Disposition", disposition(target.entry().name()))
                .header("Content-Type", contentType(target));
        target.lfs().ifPresentOrElse(pointer -> response
                        .header("ETag", quoted(pointer.sha256()))
                        .header("X-Linked-Etag", quoted(pointer.sha256()))
                        .header("X-Linked-Size", Long.toString(pointer.size())),
                () -> response.header("ETag", quoted(target.entry().oid())));
        return response;
    }

    static String contentType(FileDownloads.Target target) {
        if (target.lfs().isPresent()) {
            return BINARY;
        }
        String name = target.entry().name().toLowerCase(Locale.ROOT);
        String extension = name.substring(name.lastIndexOf('.') + 1);
        return TEXT_EXTENSIONS.contains(extension) ? TEXT : BINARY;
    }

    /** {@code inline; filename="…"; filename*=UTF-8''…} (RFC 6266), the ASCII name with anything risky replaced. */
    static String disposition(String name) {
        String ascii = name.replaceAll("[^\\x20-\\x7e]|[\"\\\\;]", "_");
        return "inline; filename=\"" + ascii + "\"; filename*=UTF-8''" + RawRepoPath.encodeSegment(name);
    }

    private static String quoted(String value) {
        return "\"" + value + "\"";
    }
}
