package dev.stoa.hub.card;

import java.io.InputStream;
import java.util.Optional;

/**
 * The bytes of LFS-stored files, for reading the headers of safetensors weights. This is the seam to the blob
 * store: until an implementation that reads verified blobs is wired in, {@link NoLfsContent} answers empty and
 * LFS-stored safetensors files are not counted.
 */
public interface LfsContent {

    /**
     * Opens the content of the blob {@code sha256} from its start; the caller closes the stream and reads only
     * what it needs.
     *
     * @return empty when the blob is not stored (yet)
     */
    Optional<InputStream> open(String sha256, long size);
}
