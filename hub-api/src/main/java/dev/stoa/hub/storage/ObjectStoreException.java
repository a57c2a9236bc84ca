package dev.stoa.hub.storage;

/** A failure of the object store, or of a stream handed to it. The message never holds a credential. */
public class ObjectStoreException extends RuntimeException {

    public ObjectStoreException(String message) {
        super(message);
    }

    public ObjectStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
