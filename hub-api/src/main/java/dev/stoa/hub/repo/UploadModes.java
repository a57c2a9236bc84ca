package dev.stoa.hub.repo;

import dev.stoa.hub.config.StoaConfig;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.git.GitRepositories;
import dev.stoa.hub.git.LfsPointer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.jgit.attributes.Attribute;
import org.eclipse.jgit.attributes.AttributesNode;
import org.eclipse.jgit.attributes.AttributesRule;
import org.eclipse.jgit.ignore.IgnoreNode;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, before an upload, how each file travels (huggingface_hub's preupload): through LFS when the
 * revision's {@code .gitattributes} track it with {@code filter=lfs}, when it is larger than the regular-file
 * limit, or when its first bytes hold a NUL (binary, as the Hub decides); inline otherwise. Also tells which
 * files {@code .gitignore} excludes and the content id the path already has, so unchanged files are skipped.
 */
@ApplicationScoped
public class UploadModes {

    private static final String ATTRIBUTES = Constants.DOT_GIT_ATTRIBUTES;
    private static final String IGNORE = Constants.GITIGNORE_FILENAME;

    private final GitRepositories git;
    private final RepoPaths paths;
    private final StoaConfig config;

    public UploadModes(GitRepositories git, RepoPaths paths, StoaConfig config) {
        this.git = git;
        this.paths = paths;
        this.config = config;
    }

    /** A file the client means to upload: its path, its first bytes (up to 512) and its size. */
    public record FileProbe(String path, byte[] sample, long size) {
    }

    /**
     * How one file is to be uploaded.
     *
     * @param oid the content id at this path in the revision: the sha256 of an LFS file, the git blob id of a
     *            regular one; empty when the path holds no file
     */
    public record UploadMode(String path, boolean lfs, boolean shouldIgnore, Optional<String> oid) {
    }

    /**
     * The upload mode of each file against {@code revision}. {@code gitIgnore} is the {@code .gitignore} the
     * upload brings along; when present it takes the place of the revision's own, as it will after the commit.
     */
    public List<UploadMode> decide(RepoView repo, String revision, List<FileProbe> files, Optional<String> gitIgnore) {
        StoaConfig.Limits limits = config.repos().limits();
        if (files.size() > limits.maxFilesPerCommit()) {
            throw new ApiException(413, "TooManyFiles", "This request asks about " + files.size() + " files; the limit is "
                    + limits.maxFilesPerCommit() + " (stoa.repos.limits.max-files-per-commit). Ask in smaller batches.");
        }
        for (FileProbe file : files) {
            if (!inGitFolder(file.path())) {
                paths.check(file.path());
            }
            if (file.size() < 0) {
                throw ApiException.invalidField("size", "'" + file.path() + "' has a negative size; send its size in bytes.");
            }
        }
        try (Repository repository = git.open(repo.id()); ObjectReader reader = repository.newObjectReader()) {
            RevTree tree = Refs.resolve(repository, revision)
                    .orElseThrow(() -> RepoErrors.revisionNotFound(repo.repoId(), revision)).getTree();
            Snapshot snapshot = new Snapshot(reader, tree);
            IgnoreNode ignore = ignoreNode(gitIgnore.isPresent() ? gitIgnore.get().getBytes(StandardCharsets.UTF_8)
                    : snapshot.read(IGNORE).orElse(new byte[0]));
            List<UploadMode> modes = new ArrayList<>(files.size());
            for (FileProbe file : files) {
                boolean ignored = inGitFolder(file.path()) || isIgnored(ignore, file.path());
                boolean lfs = file.size() > limits.maxRegularFileBytes() || isBinary(file.sample())
                        || snapshot.tracksWithLfs(file.path());
                modes.add(new UploadMode(file.path(), lfs, ignored, snapshot.contentId(file.path())));
            }
            return modes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean inGitFolder(String path) {
        for (String segment : path.split("/")) {
            if (segment.toLowerCase(Locale.ROOT).equals(".git")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBinary(byte[] sample) {
        for (int i = 0; i < Math.min(sample.length, 512); i++) {
            if (sample[i] == 0) {
                return true;
            }
        }
        return false;
    }

    private static IgnoreNode ignoreNode(byte[] content) throws IOException {
        IgnoreNode node = new IgnoreNode();
        node.parse(new ByteArrayInputStream(content));
        return node;
    }

    /** Ignored itself, or below an ignored folder (git never looks inside one). */
    private static boolean isIgnored(IgnoreNode ignore, String path) {
        for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
            if (Boolean.TRUE.equals(ignore.checkIgnored(path.substring(0, slash), true))) {
                return true;
            }
        }
        return Boolean.TRUE.equals(ignore.checkIgnored(path, false));
    }

    /** The files of one tree, read lazily; {@code .gitattributes} files are parsed once per folder. */
    private static final class Snapshot {
        private final ObjectReader reader;
        private final RevTree tree;
        private final Map<String, AttributesNode> attributes = new HashMap<>();

        Snapshot(ObjectReader reader, RevTree tree) {
            this.reader = reader;
            this.tree = tree;
        }

        /** Whether the last {@code filter} attribute that the folders' {@code .gitattributes} give the path is lfs. */
        boolean tracksWithLfs(String path) throws IOException {
            Boolean lfs = null;
            String folder = "";
            while (true) {
                String relative = path.substring(folder.length());
                for (AttributesRule rule : attributesOf(folder).getRules()) {
                    if (!rule.isMatch(relative, false)) {
                        continue;
                    }
                    for (Attribute attribute : rule.getAttributes()) {
                        if (attribute.getKey().equals("filter")) {
                            lfs = attribute.getState() == Attribute.State.CUSTOM && "lfs".equals(attribute.getValue());
                        }
                    }
                }
                int slash = path.indexOf('/', folder.length());
                if (slash < 0) {
                    return Boolean.TRUE.equals(lfs);
                }
                folder = path.substring(0, slash + 1);
            }
        }

        private AttributesNode attributesOf(String folder) throws IOException {
            AttributesNode node = attributes.get(folder);
            if (node == null) {
                node = new AttributesNode();
                Optional<byte[]> content = read(folder + ATTRIBUTES);
                if (content.isPresent()) {
                    node.parse(new ByteArrayInputStream(content.get()));
                }
                attributes.put(folder, node);
            }
            return node;
        }

        /** The sha256 of an LFS pointer file at {@code path}, the blob id of another file, empty for no file. */
        Optional<String> contentId(String path) throws IOException {
            Optional<ObjectId> blob = blobAt(path);
            if (blob.isEmpty()) {
                return Optional.empty();
            }
            if (reader.getObjectSize(blob.get(), Constants.OBJ_BLOB) <= LfsPointer.MAX_POINTER_BYTES) {
                Optional<LfsPointer> pointer = LfsPointer.parse(reader.open(blob.get(), Constants.OBJ_BLOB).getBytes());
                if (pointer.isPresent()) {
                    return Optional.of(pointer.get().sha256());
                }
            }
            return Optional.of(blob.get().name());
        }

        /** A small file's bytes (a .gitattributes or .gitignore), empty when there is no such file. */
        Optional<byte[]> read(String path) throws IOException {
            Optional<ObjectId> blob = blobAt(path);
            return blob.isEmpty() ? Optional.empty()
                    : Optional.of(reader.open(blob.get(), Constants.OBJ_BLOB).getCachedBytes(1 << 20));
        }

        private Optional<ObjectId> blobAt(String path) throws IOException {
            try (TreeWalk walk = TreeWalk.forPath(reader, path, tree)) {
                if (walk == null || (walk.getRawMode(0) & FileMode.TYPE_MASK) != FileMode.TYPE_FILE) {
                    return Optional.empty();
                }
                return Optional.of(walk.getObjectId(0));
            }
        }
    }
}
