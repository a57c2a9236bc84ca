package dev.stoa.plugins.picklescanner;

import dev.stoa.spi.RepoKind;
import dev.stoa.spi.RepoRef;
import dev.stoa.spi.Revision;
import dev.stoa.spi.RevisionFile;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A revision of in-memory files that counts the bytes read through it. */
final class TestRevision implements Revision {

    private final Map<String, byte[]> files = new TreeMap<>();
    long bytesServed;

    TestRevision file(String path, byte[] content) {
        files.put(path, content);
        return this;
    }

    @Override
    public RepoRef repository() {
        return new RepoRef("model", "test", "repo");
    }

    @Override
    public RepoKind kind() {
        return RepoKind.BASE_MODEL;
    }

    @Override
    public String commit() {
        return "0".repeat(40);
    }

    @Override
    public Map<String, Object> cardData() {
        return Map.of();
    }

    @Override
    public String cardText() {
        return "";
    }

    @Override
    public List<RevisionFile> files() {
        return files.entrySet().stream().map(e -> new RevisionFile(e.getKey(), e.getValue().length, "0".repeat(64), false)).toList();
    }

    @Override
    public InputStream open(String path) throws FileNotFoundException {
        return openRange(path, 0, Long.MAX_VALUE);
    }

    @Override
    public InputStream openRange(String path, long offset, long length) throws FileNotFoundException {
        byte[] content = files.get(path);
        if (content == null) {
            throw new FileNotFoundException(path);
        }
        int from = (int) Math.min(offset, content.length);
        int to = (int) Math.min(content.length, from + Math.min(length, Integer.MAX_VALUE));
        byte[] range = Arrays.copyOfRange(content, from, to);
        return new ByteArrayInputStream(range) {
            @Override
            public synchronized int read() {
                int b = super.read();
                bytesServed += b >= 0 ? 1 : 0;
                return b;
            }

            @Override
            public synchronized int read(byte[] b, int off, int len) {
                int n = super.read(b, off, len);
                bytesServed += Math.max(n, 0);
                return n;
            }
        };
    }

    @Override
    public List<Revision> baseModels() {
        return List.of();
    }

    @Override
    public List<String> baseModelNames() {
        return List.of();
    }
}
