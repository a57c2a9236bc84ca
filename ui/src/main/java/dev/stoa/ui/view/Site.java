package dev.stoa.ui.view;

/**
 * Facts about this Stoa shown on every page.
 *
 * @param baseUrl the URL users reach this Stoa at (what they set as {@code HF_ENDPOINT})
 * @param version the running Stoa version
 * @param ssoName what the single sign-on provider is called on the sign-in page, or {@code null} when there is none
 */
public record Site(String baseUrl, String version, String ssoName) {

    public Site(String baseUrl, String version) {
        this(baseUrl, version, null);
    }
}
