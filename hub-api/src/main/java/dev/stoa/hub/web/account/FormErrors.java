package dev.stoa.hub.web.account;

import dev.stoa.hub.error.ApiException;

/** How the account pages show a refusal: next to the form, or as an error page. */
final class FormErrors {

    private FormErrors() {
    }

    /** A refusal the page shows next to the form (a wrong or missing answer, a conflict), rather than an error page. */
    static boolean shownOnThePage(ApiException e) {
        return e.status() == 400 || e.status() == 404 || e.status() == 409;
    }
}
