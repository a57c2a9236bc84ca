package dev.stoa.hub.git;

import dev.stoa.hub.storage.ObjectStore;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The git storage on the local object store (the embedded default). */
@QuarkusTest
class GitStorageLocalTest implements GitStorageContract {

    @Inject
    GitRepositories repositories;
    @Inject
    PackCompactor compactor;
    @Inject
    ObjectStore store;

    @Override
    public GitRepositories repositories() {
        return repositories;
    }

    @Override
    public PackCompactor compactor() {
        return compactor;
    }

    @Override
    public ObjectStore store() {
        return store;
    }

    @Override
    public int manyCommits() {
        return 10_000;
    }
}
