package dev.stoa.hub.web;

/** Path templates the portal's routes share. */
public final class PortalPaths {

    /**
     * The namespace of a model's pages ({@code /{ns}/{name}/...}). It never names what the portal serves under its
     * own first segments: {@code /datasets/ns/name/settings} is a dataset's page, and {@code /static/x} a file. These
     * names are reserved, so no account can hold them.
     */
    public static final String MODEL_NS = "{ns: (?!datasets$|static$|webjars$|api$|q$)[^/]+}";

    private PortalPaths() {
    }
}
