package dev.stoa.hub.plugin;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs calls into plugins: each on a thread of its own with the thread context class loader set to the
 * plugin's, and a time limit. A call past its limit is interrupted and abandoned: the caller gets its answer
 * (an error) at the limit even when the plugin ignores the interrupt and keeps its thread.
 */
public final class PluginCalls implements AutoCloseable {

    /** A call into a plugin that threw, ran past its limit or was cancelled; the message says which. */
    public static final class PluginCallFailed extends Exception {
        private final boolean cancelled;

        PluginCallFailed(String message, Throwable cause, boolean cancelled) {
            super(message, cause);
            this.cancelled = cancelled;
        }

        /** Whether the caller was interrupted (the run was cancelled), rather than the plugin failing. */
        public boolean cancelled() {
            return cancelled;
        }
    }

    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService executor = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "stoa-plugin-call-" + threads.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    /**
     * Calls {@code body} with {@code loader} as context class loader, waiting at most {@code timeout}.
     *
     * @param what what is called, for messages ({@code pickle-scanner/pickle-imports evaluate})
     */
    public <T> T call(ClassLoader loader, Duration timeout, String what, Callable<T> body) throws PluginCallFailed {
        Future<T> future = executor.submit(() -> {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                return body.call();
            } finally {
                thread.setContextClassLoader(previous);
            }
        });
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new PluginCallFailed(what + " ran past its time limit of " + timeout
                    + " and was stopped (stoa.plugins.timeout, or stoa.plugins.<id>.timeout)", null, false);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new PluginCallFailed(what + " was cancelled", e, true);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new PluginCallFailed(what + " failed: " + cause.getClass().getName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause, false);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
