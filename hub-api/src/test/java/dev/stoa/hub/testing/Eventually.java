package dev.stoa.hub.testing;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits for work Stoa does in the background (check runs, automatic quarantines) to get somewhere. */
public final class Eventually {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final long POLL_MILLIS = 200;

    private Eventually() {
    }

    /** Asks {@code probe} every 200 ms until {@code done} holds and returns that answer; fails after 60 s naming {@code what}. */
    public static <T> T await(String what, Supplier<T> probe, Predicate<T> done) {
        long end = System.nanoTime() + TIMEOUT.toNanos();
        T last = null;
        while (System.nanoTime() < end) {
            last = probe.get();
            if (done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError(what + " did not get there in " + TIMEOUT.toSeconds() + " s; last seen: " + last);
    }
}
