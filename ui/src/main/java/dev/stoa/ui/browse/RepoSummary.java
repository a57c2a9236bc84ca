package dev.stoa.ui.browse;

/**
 * A repository as a card in a listing.
 *
 * @param type        {@code model} or {@code dataset}
 * @param id          {@code ns/name}
 * @param url         its page
 * @param gated       {@code auto} or {@code manual}, or {@code null} when downloads are open
 * @param kind        base, adapter, merge, quantized or finetune
 * @param task        the pipeline tag, or {@code null}
 * @param library     the library, or {@code null}
 * @param license     the licence, or {@code null}
 * @param updated     when it last changed, ISO-8601 (for {@code <time datetime>})
 * @param updatedText the same, as a person reads it ("3 days ago")
 * @param liked       whether the viewer likes it
 * @param curated     whether a curator approved a revision of it
 */
public record RepoSummary(String type, String id, String url, boolean isPrivate, String gated, String kind,
                          String task, String library, String license, long downloads, long likes,
                          String updated, String updatedText, boolean liked, boolean curated) {

    public boolean isDataset() {
        return "dataset".equals(type);
    }

    /** Whether it derives from another model (anything but a base model). */
    public boolean derived() {
        return kind != null && !"base".equals(kind);
    }

    /** The kind as a label: Adapter, Merge, Quantized, Fine-tune, Base model. */
    public String kindLabel() {
        return KindLabels.of(kind);
    }
}
