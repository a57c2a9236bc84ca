package dev.stoa.hub.secret;

import dev.stoa.hub.config.StoaConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets for the database with AES-256-GCM: a random 96-bit nonce per seal, and the owner of the secret
 * ({@code external-model:gpt-4o}) as associated data, so a sealed value copied onto another row does not open.
 * The key is {@code stoa.secrets.key}, or one made at first start in {@code <data-dir>/secrets.key}.
 */
@ApplicationScoped
public class SecretBox {

    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    @Inject
    SecretBox(StoaConfig config) {
        this(config.secrets().key(), config.dataDir().resolve("secrets.key"));
    }

    SecretBox(Optional<String> configured, Path keyFile) {
        byte[] bytes = configured.map(SecretBox::decodeKey).orElseGet(() -> keyFile(keyFile));
        this.key = new SecretKeySpec(bytes, "AES");
    }

    private static byte[] decodeKey(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("stoa.secrets.key is not base64; make one with: head -c 32 /dev/urandom | base64");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("stoa.secrets.key holds " + bytes.length + " bytes, not 32; make one with:"
                    + " head -c 32 /dev/urandom | base64");
        }
        return bytes;
    }

    /** Reads the key file, or writes a new one, owner-only. */
    private static byte[] keyFile(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                byte[] fresh = new byte[32];
                RANDOM.nextBytes(fresh);
                Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), "secrets", ".tmp");
                try {
                    setOwnerOnly(temp);
                    Files.writeString(temp, Base64.getEncoder().encodeToString(fresh));
                    // Whole or absent after a crash; one process per data folder (its lock) writes it.
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(temp);
                }
            }
            return decodeKey(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the secrets key " + file, e);
        }
    }

    private static void setOwnerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: its own access rules apply.
        }
    }

    /**
     * An HMAC-SHA256 of {@code data} under a key derived from Stoa's secret key for {@code purpose}, so that one
     * purpose's signatures are never valid for another and the secret key itself signs nothing.
     */
    public byte[] mac(String purpose, byte[] data) {
        try {
            javax.crypto.Mac derive = javax.crypto.Mac.getInstance("HmacSHA256");
            derive.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            byte[] purposeKey = derive.doFinal(("stoa:" + purpose).getBytes(StandardCharsets.UTF_8));
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(purposeKey, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    /** Seals {@code secret} for {@code owner}. */
    public String seal(String owner, String secret) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * Opens what {@link #seal} sealed for the same owner.
     *
     * @throws IllegalStateException when it was sealed with another key (replicas with different
     *                               {@code stoa.secrets.key}) or for another owner, or was altered
     */
    public String open(String owner, String sealed) {
        if (!sealed.startsWith(PREFIX)) {
            throw new IllegalStateException("not a sealed secret");
        }
        try {
            byte[] in = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the secret of " + owner + " cannot be opened with this replica's key;"
                    + " every replica needs the same stoa.secrets.key");
        }
    }
}
