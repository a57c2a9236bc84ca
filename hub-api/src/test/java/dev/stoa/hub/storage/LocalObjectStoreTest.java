package dev.stoa.hub.storage;

import static dev.stoa.hub.storage.TestContent.bytes;
import static dev.stoa.hub.storage.TestContent.randomKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

class LocalObjectStoreTest implements ObjectStoreContract, MultipartUploadContract, LargeObjectContract {

    @TempDir
    static Path folder;
    @AutoClose
    static LocalObjectStore store;

    @BeforeAll
    static void open() {
        store = new LocalObjectStore(folder.resolve("objects"));
        store.checkReady();
    }

    @Override
    public ObjectStore store() {
        return store;
    }

    @Test
    void pingReportsAVanishedFolderWithoutCreatingIt(@TempDir Path other) throws IOException {
        try (LocalObjectStore vanishing = new LocalObjectStore(other.resolve("objects"))) {
            vanishing.ping();
            Files.delete(other.resolve("objects/tmp"));

            assertThatThrownBy(vanishing::ping)
                    .isInstanceOf(ObjectStoreException.class).hasMessageContaining("STOA_DATA_DIR");
            assertThat(other.resolve("objects/tmp")).doesNotExist();
        }
    }

    @Test
    void aFailedPutLeavesNoTemporaryFile() throws IOException {
        assertThatThrownBy(() -> store.put(randomKey("broken.bin"), TestContent.failingAfter(1, 100_000)))
                .isInstanceOf(ObjectStoreException.class);

        try (Stream<Path> files = Files.list(folder.resolve("objects/tmp"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void deletingTheLastObjectOfAFolderRemovesTheFolder() {
        String prefix = TestContent.randomPrefix();
        store.put(prefix + "deep/er/object.bin", new ByteArrayInputStream(bytes(1, 10)));

        store.delete(prefix + "deep/er/object.bin");

        assertThat(folder.resolve("objects/data").resolve(prefix)).doesNotExist();
        assertThat(folder.resolve("objects/data/contract")).isDirectory();
    }

    @Test
    void aKeyThatIsAlsoAFolderIsRefusedWithAClearMessage() {
        String key = randomKey("a");
        store.put(key + "/b", new ByteArrayInputStream(bytes(2, 10)));

        assertThatThrownBy(() -> store.put(key, new ByteArrayInputStream(bytes(3, 10))))
                .isInstanceOf(ObjectStoreException.class)
                .hasMessageContaining("also the folder of another key");
        assertThat(store.stat(key)).isEmpty();
    }

    @Test
    void uploadIdsCannotReachOutsideTheStagingFolder() {
        String key = randomKey("x.bin");

        assertThatThrownBy(() -> store.listParts(key, "../../data"))
                .isInstanceOf(ObjectNotFoundException.class);
    }

    @Test
    void anUnusableFolderNamesTheSettingToFix() throws IOException {
        Path file = Files.writeString(folder.resolve("not-a-folder"), "x");

        assertThatThrownBy(() -> new LocalObjectStore(file.resolve("objects")))
                .isInstanceOf(ObjectStoreException.class)
                .hasMessageContaining("STOA_DATA_DIR");
    }
}
