package dev.stoa.hub.lfs;

import io.quarkus.test.junit.QuarkusTest;

/** The LFS batch API on the local object store: Stoa streams every transfer itself. */
@QuarkusTest
class LfsLocalStoreTest implements LfsUploadContract, LfsAccessContract {
}
