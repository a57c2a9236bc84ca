package dev.stoa.hub.error;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request Stoa refuses, with what was wrong and how to fix it. Each API family renders it in its own
 * format (problem JSON, Hugging Face error headers, an HTML page); the status and message are the same.
 *
 * @see ErrorRenderer
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final List<FieldError> fieldErrors;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ApiException(int status, String code, String message) {
        this(status, code, message, List.of());
    }

    public ApiException(int status, String code, String message, List<FieldError> fieldErrors) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    /** One field of the request that broke a rule. */
    public record FieldError(String field, String message) {
    }

    public static ApiException invalidField(String field, String message) {
        return new ApiException(400, "InvalidField", message, List.of(new FieldError(field, message)));
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "BadRequest", message);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, "Unauthorized", message);
    }

    public static ApiException invalidCredentials() {
        return new ApiException(401, "InvalidCredentials", ErrorRenderer.INVALID_CREDENTIALS);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "Forbidden", message);
    }

    public static ApiException notFound(String code, String message) {
        return new ApiException(404, code, message);
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(409, code, message);
    }

    public int status() {
        return status;
    }

    /** A stable, machine-readable name of the error (the HF {@code X-Error-Code} where one exists). */
    public String code() {
        return code;
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    /** Adds a response header that every family sends with this refusal (e.g. {@code X-Repo-Commit}). */
    public ApiException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Map<String, String> headers() {
        return Map.copyOf(headers);
    }
}
