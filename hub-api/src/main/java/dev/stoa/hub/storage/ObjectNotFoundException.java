package dev.stoa.hub.storage;

/** There is no object under the key, or no multipart upload with the id. */
public class ObjectNotFoundException extends ObjectStoreException {

    public ObjectNotFoundException(String message) {
        super(message);
    }

    static ObjectNotFoundException object(String key) {
        return new ObjectNotFoundException("No object '" + key + "'");
    }

    static ObjectNotFoundException upload(String key, String uploadId) {
        return new ObjectNotFoundException("No multipart upload '" + uploadId + "' of '" + key
                + "' (unknown, completed or aborted)");
    }
}
