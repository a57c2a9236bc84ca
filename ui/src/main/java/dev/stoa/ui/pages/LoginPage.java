package dev.stoa.ui.pages;

import dev.stoa.ui.view.Site;
import dev.stoa.ui.view.Viewer;
import io.quarkus.qute.TemplateInstance;

/**
 * The sign-in form.
 *
 * @param error    a message for the person when the last attempt failed, or {@code null}
 * @param username the name typed in the last attempt, kept so it need not be typed again
 * @param next     the page of this Stoa to go back to once signed in
 */
public record LoginPage(Site site, Viewer viewer, String error, String username, String next) implements TemplateInstance {
}
