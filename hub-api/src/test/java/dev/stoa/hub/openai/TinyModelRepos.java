package dev.stoa.hub.openai;

import dev.stoa.hub.repo.TestRepos;
import dev.stoa.spi.testkit.TinyModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Publishes the test kit's tiny models and adapters through the Hugging Face commit API: JSON in git, weights in LFS. */
public final class TinyModelRepos {

    private TinyModelRepos() {
    }

    public static void publish(TestRepos.Owned repo, TinyModel model) {
        publish(repo, dir -> model.writeTo(dir));
    }

    public static void publish(TestRepos.Owned repo, TinyModel.Adapter adapter, String baseId) {
        publish(repo, dir -> adapter.writeTo(dir, baseId));
    }

    private interface Writer {
        Path write(Path dir) throws IOException;
    }

    private static void publish(TestRepos.Owned repo, Writer writer) {
        try {
            Path dir = writer.write(Files.createTempDirectory("tiny-model"));
            TestRepos.Ndjson commit = TestRepos.ndjson("Tiny model").file("README.md", "---\nlicense: mit\n---\n# Tiny\n");
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.sorted().toList()) {
                    String name = file.getFileName().toString();
                    byte[] bytes = Files.readAllBytes(file);
                    if (name.endsWith(".safetensors")) {
                        commit.lfsFile(name, TestRepos.uploadLfs(repo, bytes), bytes.length);
                    } else {
                        commit.file(name, bytes);
                    }
                }
            }
            TestRepos.commit(repo, "main", commit);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
