package dev.stoa.hub.inference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/** The folders runners work in (merged weights, copies of files): made per engine, removed when it closes. */
public final class WorkFolders {

    private static final Logger LOG = Logger.getLogger(WorkFolders.class);

    private WorkFolders() {
    }

    /**
     * Deletes the work folders a previous run of this replica left under {@code root} when it was killed before it
     * could close its engines: call it before anything loads, when nothing there is in use.
     */
    public static void removeLeftovers(Path root) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> folders = Files.list(root)) {
            for (Path folder : folders.toList()) {
                delete(folder);
                LOG.infof("Removed %s, left by a previous run", folder);
            }
        } catch (IOException e) {
            LOG.warnf("Could not clear %s: %s", root, e.getMessage());
        }
    }

    /** Deletes a folder and everything in it; a failure is logged, not thrown (the next start clears it). */
    public static void delete(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warnf("Could not delete %s: %s", root, e.getMessage());
        }
    }
}
