package dev.stoa.hub.check;

import dev.stoa.hub.plugin.HostCalls;
import dev.stoa.hub.repo.RepoMetadata;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.RepoView;
import dev.stoa.spi.RepoKind;
import dev.stoa.spi.RepoRef;
import dev.stoa.spi.Revision;
import dev.stoa.spi.RevisionFile;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A commit of a repository as plugins see it; what it reads is read once, on first use. Thread-safe.
 * <p>
 * A plugin calls it with its own class loader as the thread's context class loader, which sees nothing of Stoa's; each
 * call into Stoa's services switches back to Stoa's for its duration (a service created lazily by such a call would
 * otherwise fail to load Stoa's classes).
 */
final class HostRevision implements Revision {

    private final RevisionViews views;
    private final RepoView repo;
    private final String commit;
    private volatile RepoMetadata metadata;
    private volatile List<RevisionFile> files;
    private volatile String cardText;
    private volatile List<Revision> bases;

    HostRevision(RevisionViews views, RepoView repo, String commit) {
        this.views = views;
        this.repo = repo;
        this.commit = commit;
    }

    @Override
    public RepoRef repository() {
        return new RepoRef(repo.type().name(), repo.repoId().namespace(), repo.repoId().name());
    }

    @Override
    public RepoKind kind() {
        if (repo.type() == RepoType.dataset) {
            return RepoKind.DATASET;
        }
        return switch (metadata().kind()) {
            case "adapter" -> RepoKind.ADAPTER;
            case "merge" -> RepoKind.MERGE;
            case "quantized" -> RepoKind.QUANTIZED;
            case "finetune" -> RepoKind.FINETUNE;
            default -> RepoKind.BASE_MODEL;
        };
    }

    @Override
    public String commit() {
        return commit;
    }

    @Override
    public Map<String, Object> cardData() {
        return RevisionViews.plain(metadata().cardData());
    }

    @Override
    public String cardText() {
        if (cardText == null) {
            String card = "";
            if (file("README.md").isPresent()) {
                try (InputStream in = open("README.md")) {
                    card = new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    card = "";
                }
            }
            cardText = withoutFrontMatter(card);
        }
        return cardText;
    }

    @Override
    public List<RevisionFile> files() {
        if (files == null) {
            files = hostSide(() -> views.files(repo, commit));
        }
        return files;
    }

    @Override
    public InputStream open(String path) throws IOException {
        requireFile(path);
        return hostSideIo(() -> views.open(repo, commit, path, 0, -1));
    }

    @Override
    public InputStream openRange(String path, long offset, long length) throws IOException {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset and length must not be negative");
        }
        requireFile(path);
        return hostSideIo(() -> views.open(repo, commit, path, offset, length));
    }

    @Override
    public List<Revision> baseModels() {
        if (bases == null) {
            List<String> names = baseModelNames();
            bases = hostSide(() -> views.baseModels(repo, names));
        }
        return bases;
    }

    @Override
    public List<String> baseModelNames() {
        return metadata().baseModels().stream().map(RepoMetadata.BaseModel::id).distinct().toList();
    }

    @Override
    public String toString() {
        return repository() + "@" + commit;
    }

    private RepoMetadata metadata() {
        if (metadata == null) {
            metadata = hostSide(() -> views.metadata(repo, commit));
        }
        return metadata;
    }

    private static <T> T hostSide(Supplier<T> call) {
        return HostCalls.call(call::get);
    }

    /** A call into Stoa that reads a file, from a plugin's thread ({@link HostCalls}). */
    private static <T> T hostSideIo(HostCalls.Call<T, IOException> call) throws IOException {
        return HostCalls.call(call);
    }

    private void requireFile(String path) throws FileNotFoundException {
        if (file(path).isEmpty()) {
            throw new FileNotFoundException(path + " is not a file of " + repository() + " at " + commit);
        }
    }

    static String withoutFrontMatter(String card) {
        String text = card.startsWith("\uFEFF") ? card.substring(1) : card;
        String[] lines = text.split("\r?\n", -1);
        if (lines.length == 0 || !lines[0].strip().equals("---")) {
            return text;
        }
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].strip().equals("---")) {
                return String.join("\n", java.util.Arrays.asList(lines).subList(i + 1, lines.length));
            }
        }
        return "";
    }
}
