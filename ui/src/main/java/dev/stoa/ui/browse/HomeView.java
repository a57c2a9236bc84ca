package dev.stoa.ui.browse;

/**
 * The home page's lists.
 *
 * @param recent     models updated most recently
 * @param downloaded models downloaded most
 * @param liked      models liked most
 * @param datasets   datasets updated most recently
 * @param curated    picks curators chose; empty until governance sets them
 */
public record HomeView(RepoCards recent, RepoCards downloaded, RepoCards liked, RepoCards datasets, RepoCards curated) {
}
