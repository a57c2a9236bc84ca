package dev.stoa.hub.error;

/**
 * How a refusal of a portal page reads in a browser: an HTML page in the portal's layout. The portal provides it, so
 * that this package, which every feature uses, depends on no page of the portal.
 */
public interface PortalErrorPage {

    /**
     * The page for {@code error} refusing the request at {@code path}.
     *
     * @param title the status's headline ({@code Not found})
     */
    String render(String path, ApiException error, String title);
}
