package dev.stoa.hub.hf;

import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.ops.PublicRoute;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/**
 * {@code GET /api/{type}s/{ns}/{name}/xet-read-token/{rev}} and {@code xet-write-token}: Stoa does not speak the
 * Xet protocol yet, so these answer 501 with a message that names the fix. huggingface_hub shows the message
 * and does not retry a 501. Downloads never reach here: Stoa sends no {@code X-Xet-Hash}, so clients download
 * over plain HTTP.
 */
@Path("/api/{type: models|datasets}/{ns}/{name}/{token: xet-read-token|xet-write-token}")
public class XetTokenResource {

    static final String MESSAGE = "Stoa does not speak the Xet protocol yet. Set HF_HUB_DISABLE_XET=1 in the environment"
            + " (or uninstall hf_xet) so that huggingface_hub uploads and downloads through git-lfs, which Stoa serves.";

    @GET
    @PublicRoute("Answers 501 XetNotSupported to everyone; gives out nothing.")
    public void withoutRevision() {
        throw notSupported();
    }

    @GET
    @Path("/{revision: .+}")
    @PublicRoute("Answers 501 XetNotSupported to everyone; gives out nothing.")
    public void withRevision() {
        throw notSupported();
    }

    static ApiException notSupported() {
        return new ApiException(501, "XetNotSupported", MESSAGE);
    }
}
