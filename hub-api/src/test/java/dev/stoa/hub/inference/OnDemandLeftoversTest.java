package dev.stoa.hub.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnDemandLeftoversTest {

    @TempDir
    Path dataDir;

    @Test
    void workFoldersLeftByAKilledRunAreRemovedBeforeAnythingLoads() throws Exception {
        Path root = dataDir.resolve("inference");
        Path merged = Files.createDirectories(root.resolve("3f1c").resolve("merged-1"));
        Files.write(merged.resolve("model.safetensors"), new byte[1024]);
        Files.writeString(root.resolve("3f1c").resolve("config.json"), "{}");

        WorkFolders.removeLeftovers(root);

        assertThat(root).isEmptyDirectory();
        WorkFolders.removeLeftovers(dataDir.resolve("never-created")); // nothing to do, no error
    }
}
