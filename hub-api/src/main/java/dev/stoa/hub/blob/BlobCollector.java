package dev.stoa.hub.blob;

import dev.stoa.hub.config.StoaConfig;
import dev.stoa.hub.storage.ObjectStore;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;

/**
 * Collects LFS garbage: blobs no repository holds once nobody used them for the grace period, and upload
 * sessions that expired (their staged bytes and multipart uploads). Rows go first, in one statement each,
 * then the bytes: a replica that loses a race removes nothing another still needs. A repository's
 * holdings vanish with it ({@code ON DELETE CASCADE}), which makes its blobs collectable.
 */
@ApplicationScoped
public class BlobCollector {

    private static final Logger LOG = Logger.getLogger(BlobCollector.class);
    private static final int BATCH = 500;

    private final BlobRows blobs;
    private final UploadSessions sessions;
    private final ObjectStore store;
    private final StoaConfig config;

    BlobCollector(BlobRows blobs, UploadSessions sessions, ObjectStore store, StoaConfig config) {
        this.blobs = blobs;
        this.sessions = sessions;
        this.store = store;
        this.config = config;
    }

    /** What one run removed. */
    public record Collected(int blobs, int sessions) {
    }

    @Scheduled(every = "${stoa.repos.gc.interval}", delayed = "${stoa.repos.gc.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void collect() {
        Collected collected = collectNow(Instant.now());
        if (collected.blobs() + collected.sessions() > 0) {
            LOG.infof("Collected %d unheld blobs and %d expired uploads", collected.blobs(), collected.sessions());
        }
    }

    /** Runs the collector as if it were {@code now}. */
    public Collected collectNow(Instant now) {
        Instant cutoff = now.minus(config.repos().gc().gracePeriod());
        int sessionCount = 0;
        // A session's links die when it expires; the grace period lets a verification that started in time finish.
        for (List<UploadSession> expired; !(expired = sessions.deleteExpired(cutoff, BATCH)).isEmpty(); ) {
            for (UploadSession session : expired) {
                removeStaged(session);
            }
            sessionCount += expired.size();
        }
        int blobCount = 0;
        for (List<String> keys; !(keys = blobs.deleteUnheld(cutoff, BATCH)).isEmpty(); ) {
            keys.forEach(store::delete);
            blobCount += keys.size();
        }
        return new Collected(blobCount, sessionCount);
    }

    private void removeStaged(UploadSession session) {
        try {
            session.multipartUploadId().ifPresent(id -> store.abortMultipartUpload(session.stagingKey(), id));
            if (!blobs.isBlobKey(session.stagingKey())) {
                store.delete(session.stagingKey());
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "Could not remove the staged bytes of upload %s; they stay until removed by hand", session.id());
        }
    }
}
