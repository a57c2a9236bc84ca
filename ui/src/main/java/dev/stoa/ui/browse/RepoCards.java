package dev.stoa.ui.browse;

import java.util.List;

/**
 * A list of repository cards ({@code templates/browse/repo-cards.html}).
 *
 * @param empty what the list says when there is nothing in it
 */
public record RepoCards(List<RepoSummary> items, String empty) {
}
