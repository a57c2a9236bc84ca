package dev.stoa.ui.view;

/**
 * Facts about this Stoa shown on every page.
 *
 * @param baseUrl the URL users reach this Stoa at (what they set as {@code HF_ENDPOINT})
 * @param version the running Stoa version
 */
public record Site(String baseUrl, String version) {
}
