package dev.stoa.hub.plugin;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;

/**
 * Runs a call into Stoa's services from a thread Stoa did not start for a request — a plugin's (which has the plugin's
 * class loader as its context class loader, seeing nothing of Stoa's), a model loader's, a runner's own status or
 * token thread: with Stoa's class loader, and in a request context (the repository, card and token services read
 * through Hibernate) when the thread has none.
 */
public final class HostCalls {

    private HostCalls() {
    }

    /** A call that may fail with {@code E}. */
    @FunctionalInterface
    public interface Call<T, E extends Exception> {
        T run() throws E;
    }

    public static <T, E extends Exception> T call(Call<T, E> call) throws E {
        Thread thread = Thread.currentThread();
        ClassLoader caller = thread.getContextClassLoader();
        thread.setContextClassLoader(HostCalls.class.getClassLoader());
        ManagedContext context = Arc.container().requestContext();
        boolean activated = !context.isActive();
        if (activated) {
            context.activate();
        }
        try {
            return call.run();
        } finally {
            if (activated) {
                context.terminate();
            }
            thread.setContextClassLoader(caller);
        }
    }

    public static void run(Runnable body) {
        call(() -> {
            body.run();
            return null;
        });
    }
}
