package dev.stoa.hub.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stoa.hub.error.ApiException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InferenceLimiterTest {

    @Test
    void requestsBeyondTheQueueAreRefusedAtOnceAndWaitersGetTheirTurnInOrder() throws Exception {
        InferenceLimiter limiter = new InferenceLimiter(1, 1, Duration.ofSeconds(30));
        InferenceLimiter.Turn first = limiter.acquire();
        CompletableFuture<InferenceLimiter.Turn> waiting = CompletableFuture.supplyAsync(limiter::acquire);
        Thread.sleep(200);
        assertThat(waiting).isNotDone();

        assertThatThrownBy(limiter::acquire).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.headers()).containsKey("Retry-After");
            assertThat(e.getMessage()).contains("retry");
        });

        first.close();
        first.close(); // a second close gives back nothing more
        InferenceLimiter.Turn second = waiting.get(10, TimeUnit.SECONDS);
        second.close();
    }

    @Test
    void aRequestThatWaitsPastTheTimeoutGets503WithRetryAfter() {
        InferenceLimiter limiter = new InferenceLimiter(1, 4, Duration.ofMillis(100));
        try (InferenceLimiter.Turn busy = limiter.acquire()) {
            assertThatThrownBy(limiter::acquire).isInstanceOfSatisfying(ApiException.class, e -> {
                assertThat(e.status()).isEqualTo(503);
                assertThat(e.headers()).containsEntry("Retry-After", "10");
            });
        }
        limiter.acquire().close();
    }
}
