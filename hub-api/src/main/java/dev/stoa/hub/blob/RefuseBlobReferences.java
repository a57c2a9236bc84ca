package dev.stoa.hub.blob;

import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.identity.Caller;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/** TEMPORARY, until LFS uploads land: no blob can be referenced yet. */
@DefaultBean
@ApplicationScoped
class RefuseBlobReferences implements BlobReferences {

    @Override
    public long requireReferenceable(Caller caller, String sha256, long size) {
        throw ApiException.badRequest("LFS files cannot be committed yet.");
    }

    @Override
    public void recordHeld(long repoId, Set<String> sha256s) {
    }
}
