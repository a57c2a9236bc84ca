package dev.stoa.ui.view.deploy;

/**
 * An external model the viewer may call: served by its provider, not from Stoa's files.
 *
 * @param id           {@code external/<name>}, what requests send as {@code model}
 * @param organization the organisation it is limited to, or {@code null} for everyone signed in
 */
public record ExternalModelItem(String id, String provider, String description, String organization) {
}
