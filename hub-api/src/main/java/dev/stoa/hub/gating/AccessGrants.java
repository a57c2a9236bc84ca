package dev.stoa.hub.gating;

import dev.stoa.hub.access.DownloadGate;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.ops.BaseUrl;
import dev.stoa.hub.repo.RepoView;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * Whether a user's access request to a gated repository was accepted, and the {@code GatedRepo} refusal for
 * those without access. {@link dev.stoa.hub.access.RepoAccess} decides who may download; this only answers it.
 */
@ApplicationScoped
public class AccessGrants implements DownloadGate {

    private final AccessRequestRows rows;
    private final BaseUrl baseUrl;

    AccessGrants(AccessRequestRows rows, BaseUrl baseUrl) {
        this.rows = rows;
        this.baseUrl = baseUrl;
    }

    @Override
    public boolean isAccepted(long repoId, long userId) {
        return rows.statusOf(repoId, userId).map(status -> status == RequestStatus.accepted).orElse(false);
    }

    /**
     * The refusal of a download from a gated repository: 401 for anonymous callers, 403 for signed-in ones, with
     * {@code X-Error-Code: GatedRepo} and a message that says where the caller's request stands and how to ask.
     */
    @Override
    public ApiException refusal(RepoView repo, Optional<Caller> caller) {
        String what = repo.type().name() + " " + repo.repoId().id();
        String api = baseUrl.link("/api/" + repo.type().plural() + "/" + repo.repoId().id()
                + "/user-access-request");
        String howToAsk = " Request access: GET " + api + "/form shows the form and its terms; POST " + api
                + " with {\"fields\": {...}} sends the request.";
        if (caller.isEmpty()) {
            return new ApiException(401, "GatedRepo", "Access to " + what + " is restricted: you must be signed in"
                    + " and granted access. Send Authorization: Bearer <token>." + howToAsk);
        }
        Optional<RequestStatus> status = rows.statusOf(repo.id(), caller.get().accountId());
        String message = switch (status.orElse(null)) {
            case null -> "Access to " + what + " is restricted and you are not in the authorized list." + howToAsk;
            case pending -> "Your request to access " + what + " is awaiting a review from the repo authors.";
            case rejected -> "Your request to access " + what + " has been rejected by the repo's authors.";
            case accepted -> "Access to " + what + " is restricted.";
        };
        return new ApiException(403, "GatedRepo", message);
    }
}
