package dev.stoa.spi.testkit;

import dev.stoa.spi.RepoKind;
import dev.stoa.spi.RevisionFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemoryRevisionTest {

    private static final String SHA256_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void filesAreSortedWithSizeAndSha256() {
        InMemoryRevision revision = InMemoryRevision.builder()
                .file("z.txt", "abc")
                .lfsFile("a/model.bin", new byte[10])
                .build();
        assertThat(revision.files()).containsExactly(
                new RevisionFile("a/model.bin", 10, "01d448afd928065458cf670b60f5a594d735af0172c8d67f22a81680132681ca", true),
                new RevisionFile("z.txt", 3, SHA256_ABC, false));
        assertThat(revision.file("z.txt")).map(RevisionFile::lfs).contains(false);
        assertThat(revision.file("nope")).isEmpty();
    }

    @Test
    void repositoryKindCommitAndCardHaveDefaults() {
        InMemoryRevision model = InMemoryRevision.builder().build();
        assertThat(model.repository().id()).isEqualTo("test/repo");
        assertThat(model.kind()).isEqualTo(RepoKind.BASE_MODEL);
        assertThat(model.commit()).matches("[0-9a-f]{40}");
        assertThat(model.cardData()).isEmpty();
        assertThat(model.cardText()).isEmpty();
        assertThat(model.baseModels()).isEmpty();

        InMemoryRevision dataset = InMemoryRevision.builder().dataset("acme", "d").commit("a".repeat(40)).build();
        assertThat(dataset.repository()).hasToString("datasets/acme/d");
        assertThat(dataset.kind()).isEqualTo(RepoKind.DATASET);
        assertThat(dataset.commit()).isEqualTo("a".repeat(40));
    }

    @Test
    void lineageNamesTheBaseModels() {
        InMemoryRevision base = InMemoryRevision.builder().model("meta", "llama").cardData(Map.of("license", "llama3")).build();
        InMemoryRevision adapter = InMemoryRevision.builder().model("acme", "lora").kind(RepoKind.ADAPTER)
                .baseModel(base).baseModelName("meta/llama").baseModelName("elsewhere/model").build();
        assertThat(adapter.baseModels()).containsExactly(base);
        assertThat(adapter.baseModelNames()).containsExactly("meta/llama", "elsewhere/model");
        assertThat(adapter.baseModels().getFirst().cardData()).containsEntry("license", "llama3");
    }

    @Test
    void rangesAreClippedAtTheEnd() throws IOException {
        InMemoryRevision revision = InMemoryRevision.builder().file("f", "0123456789").build();
        assertThat(read(revision.openRange("f", 2, 3))).isEqualTo("234");
        assertThat(read(revision.openRange("f", 8, 100))).isEqualTo("89");
        assertThat(read(revision.openRange("f", 50, 10))).isEmpty();
        assertThat(read(revision.open("f"))).isEqualTo("0123456789");
        assertThatThrownBy(() -> revision.openRange("f", -1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void missingFilesThrowFileNotFound() {
        InMemoryRevision revision = InMemoryRevision.builder().model("acme", "m").build();
        assertThatThrownBy(() -> revision.open("model.bin")).isInstanceOf(FileNotFoundException.class)
                .hasMessageContaining("model.bin").hasMessageContaining("acme/m");
    }

    @Test
    void bytesReadAreCountedPerFile() throws IOException {
        InMemoryRevision revision = InMemoryRevision.builder().file("a", new byte[1000]).file("b", "xyz").build();
        try (InputStream in = revision.openRange("a", 100, 8)) {
            in.read();
            in.readNBytes(3);
        }
        try (InputStream in = revision.open("a")) {
            in.skip(900); // skipped, not read
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        assertThat(revision.bytesRead("a")).isEqualTo(4 + 100);
        assertThat(revision.bytesRead("b")).isZero();
        assertThat(revision.opens("a")).isEqualTo(2);
        assertThat(revision.totalBytesRead()).isEqualTo(104);

        revision.resetCounters();
        assertThat(revision.totalBytesRead()).isZero();
        assertThat(revision.opens("a")).isZero();
    }

    @Test
    void unclosedStreamsAreCounted() throws IOException {
        InMemoryRevision revision = InMemoryRevision.builder().file("a", "x").build();
        InputStream leaked = revision.open("a");
        try (InputStream closed = revision.open("a")) {
            assertThat(revision.openStreams()).isEqualTo(2);
        }
        assertThat(revision.openStreams()).isEqualTo(1);
        leaked.close();
        leaked.close();
        assertThat(revision.openStreams()).isZero();
    }

    @Test
    void filesOnDiskAreStreamedByRange(@TempDir Path dir) throws IOException {
        Path big = dir.resolve("big.bin");
        byte[] content = new byte[3 * 1024 * 1024];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) i;
        }
        Files.write(big, content);
        InMemoryRevision revision = InMemoryRevision.builder().lfsFile("big.bin", big).file("small.txt", dir.resolve("big.bin")).build();

        assertThat(revision.file("big.bin")).map(RevisionFile::size).contains((long) content.length);
        assertThat(revision.file("big.bin").orElseThrow().sha256()).isEqualTo(revision.file("small.txt").orElseThrow().sha256());
        try (InputStream in = revision.openRange("big.bin", content.length - 2, 10)) {
            assertThat(in.readAllBytes()).containsExactly(content[content.length - 2], content[content.length - 1]);
        }
        try (InputStream in = revision.openRange("big.bin", 1_000_000, 8)) {
            assertThat(in.readAllBytes()).containsExactly(java.util.Arrays.copyOfRange(content, 1_000_000, 1_000_008));
        }
        assertThat(revision.bytesRead("big.bin")).isEqualTo(10);
        assertThat(revision.openStreams()).isZero();
    }

    @Test
    void badPathsCommitsAndDuplicatesAreRefused() {
        for (String bad : new String[]{"", "/abs", "dir/", "a\\b", "a//b", "../up", "a/../b"}) {
            assertThatThrownBy(() -> InMemoryRevision.builder().file(bad, "x")).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> InMemoryRevision.builder().file("a", "x").lfsFile("a", "y"))
                .hasMessageContaining("'a' is already");
        assertThatThrownBy(() -> InMemoryRevision.builder().commit("ABC")).hasMessageContaining("40 lowercase hex");
    }

    private static String read(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
