package dev.stoa.ui.pages;

import dev.stoa.ui.view.Site;
import dev.stoa.ui.view.Viewer;
import io.quarkus.qute.TemplateInstance;

/**
 * A page that tells a person what went wrong in words, never with a stack trace.
 *
 * @param status  the HTTP status
 * @param title   a short headline
 * @param message what happened and what to do about it
 * @param signInUrl the sign-in page, leading back to the page that was refused
 */
public record ErrorPage(Site site, Viewer viewer, int status, String title, String message, String signInUrl)
        implements TemplateInstance {

    /** The sign-in page that leads back to {@code path} once signed in. */
    public static String signInUrlFor(String path) {
        return "/login?next=" + java.net.URLEncoder.encode(path == null ? "/" : path, java.nio.charset.StandardCharsets.UTF_8);
    }
}
