package dev.stoa.plugins.example;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** File names that usually hold credentials and should never be pushed to a hub. */
final class CredentialFiles {

    /** Exact file names (any directory). */
    private static final Set<String> NAMES = Set.of(
            ".env", ".netrc", ".pgpass", ".git-credentials", ".npmrc", ".pypirc", "credentials", "credentials.json",
            "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", "service-account.json");

    /** File name endings: key stores and key or certificate files. */
    private static final List<String> SUFFIXES = List.of(".pem", ".key", ".p12", ".pfx", ".jks", ".keystore", ".ppk");

    private CredentialFiles() {
    }

    /** Whether a file with this name (the part after the last {@code /}) likely holds credentials. */
    static boolean isCredentialName(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        // .env.local, .env.production: same content, different name
        return NAMES.contains(name) || name.startsWith(".env.")
                || SUFFIXES.stream().anyMatch(name::endsWith);
    }

    /** Whether these first bytes of a file (as ASCII) hold a private key in PEM or OpenSSH form. */
    static boolean looksLikePrivateKey(String head) {
        return head.contains("-----BEGIN") && head.contains("PRIVATE KEY-----");
    }

    /** Whether these first bytes hold only certificates or public keys, which are safe to publish. */
    static boolean looksLikePublicMaterial(String head) {
        return (head.contains("-----BEGIN CERTIFICATE-----") || head.contains("-----BEGIN PUBLIC KEY-----"))
                && !looksLikePrivateKey(head);
    }
}
