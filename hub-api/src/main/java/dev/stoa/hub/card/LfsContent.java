package dev.stoa.hub.card;

import java.io.InputStream;
import java.util.Optional;

/** The bytes of LFS-stored files, for reading the headers of safetensors weights. */
public interface LfsContent {

    /**
     * Opens at most {@code maxBytes} of the blob {@code sha256} from its start, when the repository {@code repoId}
     * holds it (a pointer pushed into a repository never reads another repository's blob). The caller closes it.
     *
     * @return empty when the repository holds no verified blob with this sha256
     */
    Optional<InputStream> open(long repoId, String sha256, long maxBytes);
}
