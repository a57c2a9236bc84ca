package dev.stoa.hub.web.publish;

import dev.stoa.ui.repo.Links;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.files.OpenRevision;
import dev.stoa.hub.files.RepoEntry;
import dev.stoa.hub.files.RepoRevisions;
import dev.stoa.hub.files.RepoTreeReader;
import dev.stoa.hub.repo.RepoView;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Reads a small text file of a revision for the browser editor; large, LFS and binary files are refused. */
@ApplicationScoped
public class RepoFileText {

    /** The largest file the browser editor opens. */
    static final int MAX_EDIT_BYTES = 1024 * 1024;

    private final RepoRevisions revisions;
    private final RepoTreeReader tree;

    public RepoFileText(RepoRevisions revisions, RepoTreeReader tree) {
        this.revisions = revisions;
        this.tree = tree;
    }

    /**
     * A file at a revision, as the editor sees it.
     *
     * @param commitId the commit the revision resolved to
     * @param entry    the file, empty when the path holds nothing (the editor then creates it)
     * @param text     its text, empty for a file that does not exist yet
     */
    public record Loaded(String commitId, Optional<RepoEntry> entry, String text) {
    }

    /** The file at {@code path} on {@code revision}, with its text when it is a small text file. */
    public Loaded load(RepoView repo, String revision, String path, boolean needText) {
        try (OpenRevision at = revisions.open(repo, revision)) {
            Optional<RepoEntry> entry = tree.find(at, path);
            if (entry.isPresent() && !entry.get().isFile()) {
                throw ApiException.badRequest("'" + path + "' is a folder, not a file.");
            }
            if (entry.isEmpty() || !needText) {
                return new Loaded(at.commitId(), entry, "");
            }
            RepoEntry file = entry.get();
            if (file.lfs().isPresent() || file.size() > MAX_EDIT_BYTES) {
                throw ApiException.badRequest("'" + path + "' is stored with LFS or larger than "
                        + Links.bytes(MAX_EDIT_BYTES) + ", too large to edit in the browser. Upload a new version instead.");
            }
            byte[] bytes = at.git().open(ObjectId.fromString(file.oid()), Constants.OBJ_BLOB).getCachedBytes(MAX_EDIT_BYTES);
            try {
                String text = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString();
                if (text.indexOf('\0') >= 0) {
                    throw new CharacterCodingException();
                }
                return new Loaded(at.commitId(), entry, text);
            } catch (CharacterCodingException e) {
                throw ApiException.badRequest("'" + path + "' is not UTF-8 text, so it cannot be edited in the browser. Upload a new version instead.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
