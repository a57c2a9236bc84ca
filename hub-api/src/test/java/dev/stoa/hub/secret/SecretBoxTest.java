package dev.stoa.hub.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sealing API keys: only the same key and owner open them, and the made key file is the owner's alone. */
class SecretBoxTest {

    @TempDir
    Path dir;

    @Test
    void aSealedSecretOpensOnlyForItsOwnerWithTheSameKey() throws Exception {
        SecretBox box = new SecretBox(Optional.empty(), dir.resolve("secrets.key"));
        String sealed = box.seal("external-model:external/a", "sk-live-123");
        assertThat(sealed).startsWith("v1:").doesNotContain("sk-live-123");
        assertThat(box.seal("external-model:external/a", "sk-live-123")).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(box.open("external-model:external/a", sealed)).isEqualTo("sk-live-123");
        assertThatThrownBy(() -> box.open("external-model:external/b", sealed))
                .hasMessageContaining("stoa.secrets.key").hasMessageNotContaining("sk-live");

        // The key file made at first start is kept, owner-only, and a second start reads the same key.
        Path file = dir.resolve("secrets.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(new SecretBox(Optional.empty(), file).open("external-model:external/a", sealed)).isEqualTo("sk-live-123");

        // Another replica with another key cannot open it, and says why.
        String other = Base64.getEncoder().encodeToString(new byte[32]);
        assertThatThrownBy(() -> new SecretBox(Optional.of(other), file).open("external-model:external/a", sealed))
                .hasMessageContaining("every replica needs the same stoa.secrets.key");
        String altered = sealed.substring(0, sealed.length() - 4) + (sealed.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThatThrownBy(() -> box.open("external-model:external/a", altered)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aConfiguredKeyMustBe32BytesOfBase64() {
        assertThatThrownBy(() -> new SecretBox(Optional.of("not base64!"), dir.resolve("k")))
                .hasMessageContaining("head -c 32 /dev/urandom | base64");
        assertThatThrownBy(() -> new SecretBox(Optional.of(Base64.getEncoder().encodeToString(new byte[16])), dir.resolve("k")))
                .hasMessageContaining("16 bytes, not 32");
    }
}
