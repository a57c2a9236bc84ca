package dev.stoa.ui.repo;

/**
 * One file a commit changed.
 *
 * @param change {@code added}, {@code modified} or {@code deleted}
 * @param size   the file's size after the commit (before it, for a deleted file)
 * @param url    the file at the commit (at its parent, for a deleted file)
 */
public record ChangeRow(String path, String change, long size, boolean lfs, String url) {

    public String sizeText() {
        return Links.bytes(size);
    }

    public String badgeClass() {
        return switch (change) {
            case "added" -> "ok";
            case "deleted" -> "error";
            default -> "info";
        };
    }
}
