package dev.stoa.hub.error;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns every failure into a response of the route's family. Nothing internal — no exception class,
 * no stack trace — ever reaches a response; unexpected failures are logged with the request id.
 */
public class ErrorMapper {

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

    private final ErrorRenderer renderer;

    public ErrorMapper(ErrorRenderer renderer) {
        this.renderer = renderer;
    }

    @ServerExceptionMapper
    public Response apiException(ApiException e, UriInfo uri) {
        return render(uri, e);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return render(uri, ApiException.invalidCredentials());
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return render(uri, ApiException.unauthorized(
                "Sign in first: send Authorization: Bearer <token> with a Stoa access token."));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return render(uri, ApiException.forbidden("You are not allowed to do this."));
    }

    @ServerExceptionMapper
    public Response invalidBody(ConstraintViolationException e, UriInfo uri) {
        List<ApiException.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new ApiException.FieldError(fieldName(v), v.getMessage()))
                .sorted(java.util.Comparator.comparing(ApiException.FieldError::field))
                .toList();
        String summary = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return render(uri, new ApiException(400, "InvalidField", summary, errors));
    }

    /** Declared for the most specific types too, so that the JSON provider's own mappers never answer. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof JsonMappingException mapping ? fieldPath(mapping) : "";
        String message;
        if (field.isEmpty()) {
            message = "The request body is not valid JSON (line " + line(e) + "). Send a JSON object with Content-Type: application/json.";
        } else if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null && invalid.getTargetType().isEnum()) {
            message = "Field '" + field + "' must be one of: " + java.util.Arrays.stream(invalid.getTargetType().getEnumConstants())
                    .map(Object::toString).collect(Collectors.joining(", ")) + ".";
        } else {
            message = "Field '" + field + "' has the wrong type or format.";
        }
        return render(uri, field.isEmpty() ? ApiException.badRequest(message) : ApiException.invalidField(field, message));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json, uri);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        return render(uri, new ApiException(status, codeFor(status), messageFor(status)));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        LOG.errorf(e, "Unexpected failure on %s", uri.getPath());
        return render(uri, new ApiException(500, "InternalError",
                "Stoa hit an unexpected error. It has been logged; quote the X-Request-Id header when you report it."));
    }

    private Response render(UriInfo uri, ApiException error) {
        return renderer.render(uri.getPath(), error);
    }

    private static String fieldName(ConstraintViolation<?> violation) {
        String name = "";
        for (Path.Node node : violation.getPropertyPath()) {
            name = node.getName();
        }
        return name;
    }

    private static String fieldPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static int line(JsonProcessingException e) {
        return e.getLocation() != null ? e.getLocation().getLineNr() : 1;
    }

    private static String codeFor(int status) {
        return switch (status) {
            case 404 -> "NotFound";
            case 405 -> "MethodNotAllowed";
            case 406 -> "NotAcceptable";
            case 415 -> "UnsupportedMediaType";
            default -> "BadRequest";
        };
    }

    private static String messageFor(int status) {
        return switch (status) {
            case 404 -> "There is nothing at this address.";
            case 405 -> "This address does not accept that HTTP method.";
            case 406 -> "Stoa cannot answer in the media type the Accept header asks for.";
            case 415 -> "Stoa does not accept this Content-Type here; send application/json.";
            default -> "The request is not valid.";
        };
    }
}
