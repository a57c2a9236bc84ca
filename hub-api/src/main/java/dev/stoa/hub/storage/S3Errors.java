package dev.stoa.hub.storage;

import io.minio.errors.ErrorResponseException;
import io.minio.errors.InvalidResponseException;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Translates the MinIO client's failures into the port's exceptions, and start-up failures into messages
 * that name the setting to fix. Only S3 error codes and server messages are shown: S3 never echoes keys.
 */
final class S3Errors {

    private static final Set<String> NOT_FOUND = Set.of("NoSuchKey", "NoSuchUpload");
    private static final Set<String> BAD_REQUEST = Set.of("InvalidRange", "InvalidPart", "InvalidPartOrder",
            "EntityTooSmall");
    private static final Set<String> BAD_CREDENTIALS = Set.of("AccessDenied", "InvalidAccessKeyId",
            "SignatureDoesNotMatch", "InvalidToken", "ExpiredToken", "InvalidSecurity", "AllAccessDisabled");
    private static final Set<String> BAD_BUCKET = Set.of("InvalidBucketName", "NoSuchBucket", "BucketAlreadyExists");
    private static final Set<String> BAD_REGION = Set.of("AuthorizationHeaderMalformed",
            "IllegalLocationConstraintException", "InvalidRegion");

    private S3Errors() {
    }

    /**
     * The exception to throw for a failed call.
     *
     * @param action   what was being done, as in "Could not read 'a/b'"
     * @param notFound what a missing key or upload means for this call
     */
    static RuntimeException translate(Throwable failure, String action, Supplier<ObjectNotFoundException> notFound) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ErrorResponseException error) {
            String code = error.errorResponse().code();
            if (NOT_FOUND.contains(code)) {
                return notFound.get();
            }
            if (BAD_REQUEST.contains(code)) {
                return new IllegalArgumentException("Could not " + action + ": " + code + " (" + error.getMessage() + ")");
            }
        }
        if (cause instanceof IllegalArgumentException invalid) {
            return invalid;
        }
        return new ObjectStoreException("Could not " + action + " in the S3 store: " + describe(cause), cause);
    }

    /** Why the store is not ready, phrased for the operator who has to fix a setting. */
    static ObjectStoreException notReady(Throwable failure, String endpoint, String bucket) {
        Throwable cause = unwrap(failure);
        String what = describe(cause);
        String message;
        if (cause instanceof ErrorResponseException error) {
            String code = error.errorResponse().code();
            if (BAD_CREDENTIALS.contains(code)) {
                message = "The S3 store at " + endpoint + " refused the credentials for bucket '" + bucket + "' (" + what
                        + "). Check " + S3Clients.ACCESS_KEY + " and " + S3Clients.SECRET_KEY
                        + ", and that they may use the bucket.";
            } else if (BAD_BUCKET.contains(code)) {
                message = "The S3 store at " + endpoint + " cannot use the bucket '" + bucket + "' (" + what
                        + "). Check " + S3Clients.BUCKET + ".";
            } else if (BAD_REGION.contains(code)) {
                message = "The S3 store at " + endpoint + " rejected the region (" + what + "). Check "
                        + S3Clients.REGION + ".";
            } else {
                message = "The S3 store at " + endpoint + " answered " + what + " for the bucket '" + bucket
                        + "'. Check " + S3Clients.ENDPOINT + " and " + S3Clients.BUCKET + ".";
            }
        } else if (hasCause(cause, IOException.class)) {
            message = "Cannot reach the S3 store at " + endpoint + " (" + what + "). Check " + S3Clients.ENDPOINT + ".";
        } else if (cause instanceof InvalidResponseException) {
            message = "The server at " + endpoint + " does not answer as an S3 API (" + what + "). Check "
                    + S3Clients.ENDPOINT + ".";
        } else {
            message = "Cannot use the S3 bucket '" + bucket + "' at " + endpoint + " (" + what + "). Check "
                    + S3Clients.ENDPOINT + " and " + S3Clients.BUCKET + ".";
        }
        return new ObjectStoreException(message, cause);
    }

    private static String describe(Throwable cause) {
        if (cause instanceof ErrorResponseException error) {
            return error.errorResponse().code() + ": " + error.getMessage();
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
