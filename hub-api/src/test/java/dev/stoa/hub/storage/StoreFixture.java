package dev.stoa.hub.storage;

/** What a contract needs from the test class that runs it against one store. */
interface StoreFixture {

    /** The store under test, shared by the class's tests; each test uses its own random keys. */
    ObjectStore store();

    /** Whether the store hands out presigned URLs (S3) or not (local). */
    default boolean signsUrls() {
        return false;
    }
}
