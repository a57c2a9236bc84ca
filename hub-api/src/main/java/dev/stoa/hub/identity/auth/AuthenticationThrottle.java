package dev.stoa.hub.identity.auth;

import dev.stoa.hub.config.StoaConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Counts failed authentication attempts per client in fixed windows. A client that reached the limit is
 * refused further attempts until its window ends, whatever credentials it tries, so guessing tokens or
 * passwords costs a window per handful of guesses. Counted per replica: behind a load balancer a client
 * gets at most {@code replicas × maxAttempts} guesses per window, which still makes guessing hopeless.
 */
@ApplicationScoped
public class AuthenticationThrottle {

    /** Bounds the memory a flood of clients can take; beyond it new clients are counted once expired ones left. */
    private static final int MAX_TRACKED_CLIENTS = 100_000;

    private final int maxAttempts;
    private final Duration window;
    private final ConcurrentMap<String, Attempts> clients = new ConcurrentHashMap<>();

    public AuthenticationThrottle(StoaConfig config) {
        this.maxAttempts = config.accounts().failedAuthentication().maxAttempts();
        this.window = config.accounts().failedAuthentication().window();
    }

    private record Attempts(Instant windowStart, int failures) {
    }

    /** Seconds until {@code client} may try again, or empty when it may try now. */
    public OptionalLong retryAfterSeconds(String client) {
        Attempts attempts = clients.get(client);
        Instant now = Instant.now();
        if (attempts == null || attempts.failures() < maxAttempts || expired(attempts, now)) {
            return OptionalLong.empty();
        }
        long millis = Duration.between(now, attempts.windowStart().plus(window)).toMillis();
        return OptionalLong.of(Math.max(1, (millis + 999) / 1000));
    }

    /** Records one failed attempt of {@code client}. */
    public void recordFailure(String client) {
        Instant now = Instant.now();
        if (clients.size() >= MAX_TRACKED_CLIENTS && !clients.containsKey(client)) {
            forgetExpired();
        }
        clients.compute(client, (key, attempts) -> attempts == null || expired(attempts, now)
                ? new Attempts(now, 1)
                : new Attempts(attempts.windowStart(), attempts.failures() + 1));
    }

    @Scheduled(every = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetExpired() {
        Instant now = Instant.now();
        clients.values().removeIf(attempts -> expired(attempts, now));
    }

    private boolean expired(Attempts attempts, Instant now) {
        return !now.isBefore(attempts.windowStart().plus(window));
    }
}
