package dev.stoa.hub.inference;

import dev.stoa.hub.config.StoaConfig;
import dev.stoa.hub.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps in-process engines from starving uploads and downloads of CPU: at most {@code stoa.inference.concurrency}
 * completions run at once on this replica, {@code stoa.inference.queue} more wait their turn (fairly), and the rest
 * are refused at once with 429; one that waits past {@code stoa.inference.queue-timeout} gets 503. Both carry
 * {@code Retry-After}.
 */
@ApplicationScoped
public class InferenceLimiter {

    private final Semaphore running;
    private final int queue;
    private final Duration wait;
    private final AtomicInteger waiting = new AtomicInteger();

    @Inject
    public InferenceLimiter(StoaConfig config) {
        this(config.inference().concurrency(), config.inference().queue(), config.inference().queueTimeout());
    }

    InferenceLimiter(int concurrency, int queue, Duration wait) {
        this.running = new Semaphore(Math.max(1, concurrency), true);
        this.queue = Math.max(0, queue);
        this.wait = wait;
    }

    /** A turn to run one request; close it when the request is done. */
    public Turn acquire() {
        if (running.tryAcquire()) {
            return new Turn();
        }
        if (waiting.incrementAndGet() > queue) {
            waiting.decrementAndGet();
            throw busy(429, "TooManyRequests", "Too many inference requests are waiting on this server; retry in a"
                    + " few seconds.", 2);
        }
        try {
            if (!running.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw busy(503, "InferenceBusy", "Every inference slot of this server stayed busy for "
                        + wait.toSeconds() + " s; retry later.", 10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy(503, "InferenceBusy", "The request was interrupted while waiting for a turn.", 10);
        } finally {
            waiting.decrementAndGet();
        }
        return new Turn();
    }

    /** A refusal that tells the client when to retry ({@code Retry-After}, in seconds). */
    public static ApiException busy(int status, String code, String message, int retryAfterSeconds) {
        return new ApiException(status, code, message).withHeader("Retry-After", String.valueOf(retryAfterSeconds));
    }

    /** One running request's turn. */
    public final class Turn implements AutoCloseable {

        private boolean released;

        private Turn() {
        }

        @Override
        public synchronized void close() {
            if (!released) {
                released = true;
                running.release();
            }
        }
    }
}
