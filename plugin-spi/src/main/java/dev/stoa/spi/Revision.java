package dev.stoa.spi;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A read-only view of one revision (a commit) of a repository, provided by the host. Plugins read
 * everything through it and never reach Stoa's database or object store.
 *
 * <p><b>Threading:</b> an implementation may be used from several threads at once. <b>Streams:</b> each
 * {@code open} returns a new stream that the caller must close; streams are not buffered whole in memory, so
 * multi-gigabyte files are fine as long as the plugin does not collect them. Prefer {@link #openRange} for
 * headers and indexes. <b>Nullability:</b> no method returns {@code null}.
 */
public interface Revision {

    /** The repository this revision belongs to. */
    RepoRef repository();

    /** What the repository is in the model tree at this revision. */
    RepoKind kind();

    /** The commit id: 40 lowercase hex digits. */
    String commit();

    /**
     * The card's YAML front matter (README.md) as plain Java values: {@link Map}s with string keys,
     * {@link List}s, {@link String}s, {@link Number}s and {@link Boolean}s; empty when there is no card or
     * no front matter.
     */
    Map<String, Object> cardData();

    /** The card's Markdown after the front matter; empty when there is none. */
    String cardText();

    /** Every file of the revision, sorted by path. */
    List<RevisionFile> files();

    /** The file at {@code path}, if the revision has one. */
    default Optional<RevisionFile> file(String path) {
        return files().stream().filter(f -> f.path().equals(path)).findFirst();
    }

    /**
     * The content of the file at {@code path}, streamed.
     *
     * @throws java.io.FileNotFoundException when the revision has no such file
     * @throws IOException                   when reading fails
     */
    InputStream open(String path) throws IOException;

    /**
     * {@code length} bytes of the file at {@code path} from {@code offset} (fewer at the end of the file),
     * streamed; the host reads only that range from storage.
     */
    InputStream openRange(String path, long offset, long length) throws IOException;

    /**
     * The revisions of the base models this one derives from (the card's {@code base_model}, or an adapter's
     * {@code base_model_name_or_path}) that exist on this Stoa, at the head of their default branch; empty for
     * a base model or when the base models are elsewhere. Lazily resolved.
     */
    List<Revision> baseModels();

    /**
     * The base model names as the card states them (e.g. {@code meta-llama/Llama-3.1-8B}), whether or not they
     * exist on this Stoa.
     */
    List<String> baseModelNames();
}
