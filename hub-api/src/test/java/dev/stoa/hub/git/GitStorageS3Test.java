package dev.stoa.hub.git;

import dev.stoa.hub.storage.ObjectStore;
import dev.stoa.hub.testing.S3ProxyTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

import java.util.List;

/** The git storage on S3 (S3Proxy). */
@QuarkusTest
@TestProfile(GitStorageS3Test.OnS3.class)
class GitStorageS3Test implements GitStorageContract {

    public static class OnS3 implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(S3ProxyTestResource.class));
        }
    }

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
