package dev.stoa.hub.error;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Renders a refusal in the format of the route family that refused it. */
@ApplicationScoped
public class ErrorRenderer {

    /** The exact text the Hugging Face client recognises for a bad token. */
    public static final String INVALID_CREDENTIALS = "Invalid credentials in Authorization header";
    /** The error of a disabled (quarantined) repository, and the exact text the Hugging Face client matches. */
    public static final String DISABLED_CODE = "DisabledRepo";
    public static final String DISABLED_MESSAGE = "Access to this resource is disabled.";
    public static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json");
    public static final MediaType GIT_LFS_JSON = new MediaType("application", "vnd.git-lfs+json");

    private final ObjectMapper json;
    private final PortalErrorPage pages;

    public ErrorRenderer(ObjectMapper json, PortalErrorPage pages) {
        this.json = json;
        this.pages = pages;
    }

    /** Renders a refusal of the request at {@code path} (as JAX-RS reports it, with or without a leading slash). */
    public Response render(String path, ApiException error) {
        String absolute = "/" + path.replaceFirst("^/", "");
        return render(ApiFamily.of(absolute), absolute, error);
    }

    public Response render(ApiFamily family, String path, ApiException error) {
        Response.ResponseBuilder response = switch (family) {
            case STOA -> problem(path, error);
            case HF -> huggingFace(error);
            case LFS -> gitLfs(error);
            case OPENAI -> openAi(error);
            case OPS -> Response.status(error.status())
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(json.createObjectNode().put("error", error.getMessage()).toString());
            case PORTAL -> Response.status(error.status())
                    .type(MediaType.TEXT_HTML_TYPE)
                    .entity(pages.render(path, error, title(error.status())));
        };
        error.headers().forEach(response::header);
        if (error.status() == 401 && family != ApiFamily.PORTAL && family != ApiFamily.OPENAI) {
            // git and git-lfs only send credentials after a Basic challenge; a browser would show a password dialog.
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Stoa\"");
        }
        return response.build();
    }

    private Response.ResponseBuilder problem(String path, ApiException error) {
        ObjectNode body = json.createObjectNode()
                .put("type", "urn:stoa:problem:" + kebab(error.code()))
                .put("title", title(error.status()))
                .put("status", error.status())
                .put("detail", error.getMessage())
                .put("instance", path)
                .put("code", error.code());
        if (!error.fieldErrors().isEmpty()) {
            ArrayNode errors = body.putArray("errors");
            error.fieldErrors().forEach(f -> errors.addObject().put("field", f.field()).put("message", f.message()));
        }
        return Response.status(error.status()).type(PROBLEM_JSON).entity(body.toString());
    }

    private Response.ResponseBuilder huggingFace(ApiException error) {
        // huggingface_hub recognises a disabled repository by this exact header text; the reason stays in the body.
        String headline = error.code().equals(DISABLED_CODE) ? DISABLED_MESSAGE : error.getMessage();
        return Response.status(error.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header("X-Error-Code", error.code())
                .header("X-Error-Message", headerSafe(headline))
                .entity(json.createObjectNode().put("error", error.getMessage()).toString());
    }

    /** git-lfs prints {@code message}; the Hugging Face client reads the error headers and {@code error}. */
    private Response.ResponseBuilder gitLfs(ApiException error) {
        return huggingFace(error)
                .type(GIT_LFS_JSON)
                .entity(json.createObjectNode().put("message", error.getMessage()).put("error", error.getMessage()).toString());
    }

    private Response.ResponseBuilder openAi(ApiException error) {
        return Response.status(error.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(openAiBody(error).toString());
    }

    /**
     * OpenAI's error object, which its clients (and lm-evaluation-harness) read, the type saying the error's class: the
     * body of a refused {@code /v1} request, and the event a stream ends with when it fails part way.
     */
    public ObjectNode openAiBody(ApiException error) {
        String type = switch (error.status()) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 429 -> "rate_limit_error";
            default -> error.status() >= 500 ? "server_error" : "invalid_request_error";
        };
        ObjectNode body = json.createObjectNode();
        ObjectNode inner = body.putObject("error").put("message", error.getMessage()).put("type", type);
        if (error.fieldErrors().isEmpty()) {
            inner.putNull("param");
        } else {
            inner.put("param", error.fieldErrors().get(0).field());
        }
        inner.put("code", error.code());
        return body;
    }

    static String title(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known != null ? known.getReasonPhrase() : "Error";
    }

    private static String kebab(String code) {
        return code.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static String headerSafe(String message) {
        return message.replaceAll("[\\r\\n]+", " ").replaceAll("[^\\x20-\\x7e]", "?");
    }
}
