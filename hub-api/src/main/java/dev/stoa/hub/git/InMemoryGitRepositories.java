package dev.stoa.hub.git;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.Repository;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** TEMPORARY, until the object-store-backed DFS repositories land: keeps git data in memory. */
@ApplicationScoped
class InMemoryGitRepositories implements GitRepositories {

    private final Map<Long, InMemoryRepository> repositories = new ConcurrentHashMap<>();

    @Override
    public void create(long repoId) {
        repositories.computeIfAbsent(repoId, id -> new InMemoryRepository(new DfsRepositoryDescription("repo-" + id)));
    }

    @Override
    public Repository open(long repoId) {
        InMemoryRepository repository = repositories.get(repoId);
        if (repository == null) {
            throw new IllegalStateException("No git repository for " + repoId);
        }
        repository.incrementOpen();
        return repository;
    }

    @Override
    public void delete(long repoId) {
        repositories.remove(repoId);
    }
}
