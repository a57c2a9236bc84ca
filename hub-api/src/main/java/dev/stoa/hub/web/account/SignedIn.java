package dev.stoa.hub.web.account;

import dev.stoa.hub.error.ApiException;

/** How the account pages, which are for signed-in people ({@code Caller.signedIn}), show refusals. */
final class SignedIn {

    private SignedIn() {
    }

    /** A refusal the page shows next to the form (a wrong or missing answer, a conflict), rather than an error page. */
    static boolean shownOnThePage(ApiException e) {
        return e.status() == 400 || e.status() == 404 || e.status() == 409;
    }
}
