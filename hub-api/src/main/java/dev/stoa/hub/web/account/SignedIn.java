package dev.stoa.hub.web.account;

import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.identity.Caller;
import io.quarkus.security.identity.SecurityIdentity;

/** The account pages are for signed-in people; anyone else gets the sign-in offer of the error page. */
final class SignedIn {

    private SignedIn() {
    }

    static Caller caller(SecurityIdentity identity, String toDoWhat) {
        return Caller.of(identity).orElseThrow(() -> ApiException.unauthorized("Sign in to " + toDoWhat + "."));
    }

    /** A refusal the page shows next to the form (a wrong or missing answer, a conflict), rather than an error page. */
    static boolean shownOnThePage(ApiException e) {
        return e.status() == 400 || e.status() == 404 || e.status() == 409;
    }
}
