package dev.stoa.spi.testkit;

import dev.stoa.spi.RepoKind;
import dev.stoa.spi.RepoRef;
import dev.stoa.spi.Revision;
import dev.stoa.spi.RevisionFile;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A {@link Revision} built in a test, with files held in memory or read from disk, for testing plugins
 * without a server.
 *
 * <pre>{@code
 * InMemoryRevision revision = InMemoryRevision.builder()
 *         .model("acme", "tiny-llama")
 *         .cardData(Map.of("license", "apache-2.0"))
 *         .file("config.json", "{\"model_type\": \"llama\"}")
 *         .lfsFile("model.safetensors", bytes)
 *         .build();
 * CheckResult result = evaluator.evaluate(revision, CheckContext.NONE);
 * assertThat(revision.bytesRead("model.safetensors")).isLessThan(1024);
 * }</pre>
 *
 * <p>Behaves like the host's view: files sorted by path with their size and sha256 (computed here),
 * {@link #open} and {@link #openRange} stream the content (a range past the end is clipped, a missing path
 * throws {@link FileNotFoundException}). It also counts what plugins read: {@link #bytesRead(String)} and
 * {@link #totalBytesRead()} (bytes actually returned by the streams), {@link #opens(String)} and
 * {@link #openStreams()} (streams not closed yet), so a test can assert that only headers were read and that
 * every stream was closed.
 *
 * <p>Immutable once built, apart from the counters; safe to use from several threads.
 */
public final class InMemoryRevision implements Revision {

    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");

    private final RepoRef repository;
    private final RepoKind kind;
    private final String commit;
    private final Map<String, Object> cardData;
    private final String cardText;
    private final Map<String, Content> contents;
    private final List<RevisionFile> files;
    private final List<Revision> baseModels;
    private final List<String> baseModelNames;
    private final Map<String, AtomicLong> bytesRead = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> opens = new ConcurrentHashMap<>();
    private final AtomicInteger openStreams = new AtomicInteger();

    private InMemoryRevision(Builder b) {
        this.repository = b.repository;
        this.kind = b.kind != null ? b.kind : "dataset".equals(b.repository.type()) ? RepoKind.DATASET : RepoKind.BASE_MODEL;
        this.commit = b.commit != null ? b.commit : randomCommit();
        this.cardData = b.cardData;
        this.cardText = b.cardText;
        this.contents = new TreeMap<>(b.contents);
        List<RevisionFile> list = new ArrayList<>();
        contents.forEach((path, content) -> list.add(new RevisionFile(path, content.size(), content.sha256(), content.lfs())));
        this.files = List.copyOf(list);
        this.baseModels = List.copyOf(b.baseModels);
        this.baseModelNames = List.copyOf(b.baseModelNames);
    }

    /** A builder for a model repository {@code test/repo} without files; see the builder's methods. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public RepoRef repository() {
        return repository;
    }

    @Override
    public RepoKind kind() {
        return kind;
    }

    @Override
    public String commit() {
        return commit;
    }

    @Override
    public Map<String, Object> cardData() {
        return cardData;
    }

    @Override
    public String cardText() {
        return cardText;
    }

    @Override
    public List<RevisionFile> files() {
        return files;
    }

    @Override
    public Optional<RevisionFile> file(String path) {
        Content content = contents.get(path);
        return content == null ? Optional.empty()
                : Optional.of(new RevisionFile(path, content.size(), content.sha256(), content.lfs()));
    }

    @Override
    public InputStream open(String path) throws IOException {
        return openRange(path, 0, Long.MAX_VALUE);
    }

    @Override
    public InputStream openRange(String path, long offset, long length) throws IOException {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("Negative offset or length: " + offset + ", " + length);
        }
        Content content = contents.get(path);
        if (content == null) {
            throw new FileNotFoundException("No file '" + path + "' in " + repository + "@" + commit);
        }
        long start = Math.min(offset, content.size());
        long count = Math.min(length, content.size() - start);
        InputStream raw = content.open(start, count);
        opens.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        openStreams.incrementAndGet();
        return new CountingStream(raw, count, bytesRead.computeIfAbsent(path, p -> new AtomicLong()));
    }

    @Override
    public List<Revision> baseModels() {
        return baseModels;
    }

    @Override
    public List<String> baseModelNames() {
        return baseModelNames;
    }

    /** The bytes plugins have read from the file at {@code path} so far, through every stream. */
    public long bytesRead(String path) {
        AtomicLong read = bytesRead.get(path);
        return read == null ? 0 : read.get();
    }

    /** The bytes plugins have read from all files so far. */
    public long totalBytesRead() {
        return bytesRead.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** How many streams were opened on the file at {@code path} ({@link #open} and {@link #openRange}). */
    public int opens(String path) {
        AtomicInteger count = opens.get(path);
        return count == null ? 0 : count.get();
    }

    /** Streams opened and not closed yet; 0 after a well-behaved check. */
    public int openStreams() {
        return openStreams.get();
    }

    /** Sets every counter back to zero, e.g. between two checks of the same revision. */
    public void resetCounters() {
        bytesRead.clear();
        opens.clear();
    }

    @Override
    public String toString() {
        return repository + "@" + commit.substring(0, 8) + " (" + files.size() + " files)";
    }

    private static String randomCommit() {
        byte[] bytes = new byte[20];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Builds an {@link InMemoryRevision}. Not thread-safe; every method returns this builder. */
    public static final class Builder {
        private RepoRef repository = new RepoRef("model", "test", "repo");
        private RepoKind kind;
        private String commit;
        private Map<String, Object> cardData = Map.of();
        private String cardText = "";
        private final Map<String, Content> contents = new LinkedHashMap<>();
        private final List<Revision> baseModels = new ArrayList<>();
        private final List<String> baseModelNames = new ArrayList<>();

        private Builder() {
        }

        /** A model repository {@code namespace/name} (the default is {@code test/repo}). */
        public Builder model(String namespace, String name) {
            repository = new RepoRef("model", namespace, name);
            return this;
        }

        /** A dataset repository {@code namespace/name}; its kind is {@link RepoKind#DATASET} unless set. */
        public Builder dataset(String namespace, String name) {
            repository = new RepoRef("dataset", namespace, name);
            return this;
        }

        /** The repository's kind; by default {@link RepoKind#BASE_MODEL} for a model, DATASET for a dataset. */
        public Builder kind(RepoKind kind) {
            this.kind = Objects.requireNonNull(kind, "kind");
            return this;
        }

        /** The commit id, 40 lowercase hex digits; a random one by default. */
        public Builder commit(String commit) {
            if (!COMMIT.matcher(commit).matches()) {
                throw new IllegalArgumentException("A commit is 40 lowercase hex digits, not '" + commit + "'");
            }
            this.commit = commit;
            return this;
        }

        /**
         * The card's front matter as plain Java values, as the host parses it from README.md (maps, lists,
         * strings, numbers, booleans). Does not add a README.md file; add one with {@link #file} when the
         * check looks at files.
         */
        public Builder cardData(Map<String, ?> cardData) {
            this.cardData = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(cardData));
            return this;
        }

        /** The card's Markdown after the front matter. */
        public Builder cardText(String cardText) {
            this.cardText = Objects.requireNonNull(cardText, "cardText");
            return this;
        }

        /** A file stored in git (not LFS) with this content. */
        public Builder file(String path, byte[] content) {
            return add(path, new BytesContent(content.clone(), false));
        }

        /** A file stored in git (not LFS) with this content as UTF-8. */
        public Builder file(String path, String content) {
            return file(path, content.getBytes(StandardCharsets.UTF_8));
        }

        /** A file stored in git (not LFS) whose content is read from {@code source} when opened (large files). */
        public Builder file(String path, Path source) {
            return add(path, PathContent.of(source, false));
        }

        /** A file stored with git-lfs with this content. */
        public Builder lfsFile(String path, byte[] content) {
            return add(path, new BytesContent(content.clone(), true));
        }

        /** A file stored with git-lfs with this content as UTF-8. */
        public Builder lfsFile(String path, String content) {
            return lfsFile(path, content.getBytes(StandardCharsets.UTF_8));
        }

        /**
         * A file stored with git-lfs whose content is read from {@code source} when opened, so tests can use
         * files larger than memory. Its sha256 is computed once here.
         */
        public Builder lfsFile(String path, Path source) {
            return add(path, PathContent.of(source, true));
        }

        /**
         * A base model this revision derives from, present on this Stoa; also adds its repository id to
         * {@link Revision#baseModelNames()} unless already there.
         */
        public Builder baseModel(Revision base) {
            baseModels.add(Objects.requireNonNull(base, "base"));
            return baseModelName(base.repository().id());
        }

        /** A base model name as the card states it, whether or not it is on this Stoa. */
        public Builder baseModelName(String name) {
            if (!baseModelNames.contains(name)) {
                baseModelNames.add(Objects.requireNonNull(name, "name"));
            }
            return this;
        }

        public InMemoryRevision build() {
            return new InMemoryRevision(this);
        }

        private Builder add(String path, Content content) {
            if (path.isEmpty() || path.startsWith("/") || path.endsWith("/") || path.contains("\\")
                    || path.contains("//") || ("/" + path + "/").contains("/../")) {
                throw new IllegalArgumentException("A path is relative with '/' separators, not '" + path + "'");
            }
            if (contents.putIfAbsent(path, content) != null) {
                throw new IllegalArgumentException("File '" + path + "' is already in this revision");
            }
            return this;
        }
    }

    private sealed interface Content permits BytesContent, PathContent {
        long size();

        String sha256();

        boolean lfs();

        InputStream open(long offset, long length) throws IOException;
    }

    private record BytesContent(byte[] bytes, boolean lfs, String sha256) implements Content {
        BytesContent(byte[] bytes, boolean lfs) {
            this(bytes, lfs, HexFormat.of().formatHex(newDigest().digest(bytes)));
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public InputStream open(long offset, long length) {
            return new ByteArrayInputStream(bytes, (int) offset, (int) length);
        }
    }

    private record PathContent(Path source, long size, String sha256, boolean lfs) implements Content {
        static PathContent of(Path source, boolean lfs) {
            MessageDigest digest = newDigest();
            byte[] buffer = new byte[1 << 16];
            try (InputStream in = Files.newInputStream(source)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                }
                return new PathContent(source, Files.size(source), HexFormat.of().formatHex(digest.digest()), lfs);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read test file " + source, e);
            }
        }

        @Override
        public InputStream open(long offset, long length) throws IOException {
            FileChannel channel = FileChannel.open(source, StandardOpenOption.READ);
            channel.position(offset);
            return Channels.newInputStream(channel);
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A range of one file's content that counts the bytes handed to the reader (skipped bytes are not read)
     * and its closing. Extends InputStream, not FilterInputStream, so no bulk method bypasses the count.
     */
    private final class CountingStream extends InputStream {
        private final InputStream in;
        private final AtomicLong counter;
        private long remaining;
        private boolean closed;

        CountingStream(InputStream in, long remaining, AtomicLong counter) {
            this.in = in;
            this.remaining = remaining;
            this.counter = counter;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
                counter.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
                counter.addAndGet(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(Math.min(Math.max(n, 0), remaining));
            remaining -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(in.available(), remaining);
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                openStreams.decrementAndGet();
            }
            in.close();
        }
    }
}
