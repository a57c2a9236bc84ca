package dev.stoa.plugins.cpurunner;

import dev.stoa.spi.Revision;
import dev.stoa.spi.RevisionFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Copies what the engine reads of a revision (configs, tokenizer, safetensors) into a local folder, streamed, with
 * BF16 weights widened to F32 ({@link Safetensors#widenBf16}).
 */
final class ModelFolder {

    private ModelFolder() {
    }

    static Path copy(Revision revision, Path folder) throws IOException {
        Files.createDirectories(folder);
        for (RevisionFile file : revision.files()) {
            String path = file.path();
            if (path.contains("/") || !(path.endsWith(".json") || path.endsWith(".safetensors"))) {
                continue;
            }
            Path partial = folder.resolve(path + ".partial");
            try (InputStream in = revision.open(path)) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(partial, folder.resolve(path), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            if (path.endsWith(".safetensors")) {
                Safetensors.widenBf16(folder.resolve(path));
            }
        }
        return folder;
    }
}
