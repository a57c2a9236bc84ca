package dev.stoa.hub.git;

import dev.stoa.hub.storage.ObjectStore;
import dev.stoa.hub.testing.OnS3;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/** The git storage on S3 (S3Proxy). */
@QuarkusTest
@TestProfile(OnS3.class)
class GitStorageS3Test implements GitStorageContract {

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
        return 4_000;
    }
}
