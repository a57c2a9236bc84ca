package dev.stoa.hub.evaluation;

/**
 * A task that cannot run as written — a template that fails on a document, a target outside its choices, data that
 * cannot be read — with a message that says which and why: an evaluation ends {@code failed} with it.
 */
public final class TaskFailure extends RuntimeException {

    public TaskFailure(String message) {
        super(message);
    }

    public TaskFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
