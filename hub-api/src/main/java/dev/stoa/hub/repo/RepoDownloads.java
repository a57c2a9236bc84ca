package dev.stoa.hub.repo;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** The download counter of repositories ({@code downloads} in the HF API). */
@ApplicationScoped
public class RepoDownloads {

    /** Adds one download to the repository; a repository deleted meanwhile is left alone. */
    @Transactional
    public void count(long repoId) {
        Repo.update("downloads = downloads + 1 where id = ?1", repoId);
    }
}
