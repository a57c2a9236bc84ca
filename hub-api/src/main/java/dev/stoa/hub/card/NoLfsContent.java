package dev.stoa.hub.card;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.InputStream;
import java.util.Optional;

/** TEMPORARY, until the blob store lands: LFS contents cannot be read, so their safetensors are not counted. */
@DefaultBean
@ApplicationScoped
class NoLfsContent implements LfsContent {

    @Override
    public Optional<InputStream> open(String sha256, long size) {
        return Optional.empty();
    }
}
