package dev.stoa.hub.files;

import dev.stoa.hub.testing.OnS3;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** LFS files on S3: resolve redirects to a presigned URL of the store. */
@QuarkusTest
@TestProfile(OnS3.class)
class LfsResolveS3Test implements LfsResolveContract {

    @Override
    public boolean redirects() {
        return true;
    }
}
