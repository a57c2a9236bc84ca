package dev.stoa.hub.files;

import io.quarkus.test.junit.QuarkusTest;

/** LFS files on the local store: Stoa streams them itself. */
@QuarkusTest
class LfsResolveLocalTest implements LfsResolveContract {

    @Override
    public boolean redirects() {
        return false;
    }
}
