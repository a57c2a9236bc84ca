package dev.stoa.hub.files;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** TEMPORARY, until the blob store is wired here: no LFS content is stored, so LFS files cannot be downloaded. */
@DefaultBean
@ApplicationScoped
class NoLfsContent implements LfsContent {

    @Override
    public boolean isServable(long repoId, String sha256) {
        return false;
    }

    @Override
    public InputStream open(String sha256, long offset, long length) {
        throw new IllegalStateException("no LFS content is stored");
    }

    @Override
    public Optional<URI> presignGet(String sha256, Duration expiry) {
        return Optional.empty();
    }
}
