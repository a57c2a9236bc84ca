package dev.stoa.ui.repo;

import java.util.List;

/**
 * What the card page shows besides the header.
 *
 * @param html           the card rendered and sanitised ({@code MarkdownHtml.renderCard}); empty when there is none
 * @param empty          whether the repository has no commit yet
 * @param commit         the commit shown (main's head), or null when empty
 * @param metadata       the card's YAML metadata as labelled chips
 * @param canDownload    false when the repository is gated and the viewer has no access yet
 * @param askAccessUrl   where to ask for access
 * @param editUrl        the README editor, or null when the viewer cannot write
 * @param cloneUrl       the git URL
 */
public record CardView(String html, boolean empty, String commit, List<MetaGroup> metadata, ModelTree tree,
                       List<Snippet> snippets, boolean canDownload, String askAccessUrl, String editUrl,
                       String uploadUrl, String cloneUrl) {

    public boolean hasCard() {
        return html != null && !html.isBlank();
    }

    public String shortCommit() {
        return commit == null ? "" : commit.substring(0, Math.min(10, commit.length()));
    }
}
