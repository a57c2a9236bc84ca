package dev.stoa.plugins.picklescanner;

import java.util.Locale;
import java.util.Set;

/** What a file or archive entry is, told by its first bytes (its name only decides how cautious to be). */
enum Format {
    ZIP, TAR, NUMPY, GZIP, ZLIB,
    /** bzip2, xz, lzma, lz4 or zstd: compressions joblib offers that the JDK cannot read. */
    OTHER_COMPRESSION,
    /** Starts with {@code PROTO} (protocol 2 and later, and explicit 0 or 1). */
    PICKLE,
    /** Starts with an opcode a protocol 0 or 1 pickle can start with; a pickle only if the walk agrees. */
    MAYBE_PICKLE,
    NONE;

    /** Extensions of files that may hold pickles; archive entries with these names are scanned. */
    static final Set<String> CANDIDATE_EXTENSIONS = Set.of(
            "bin", "pt", "pth", "ckpt", "pkl", "pickle", "joblib", "npy", "npz", "sav", "dill", "p", "pck",
            "tar", "zip", "gz");

    /** Extensions that promise a pickle: content that does not parse as one is reported. */
    static final Set<String> PICKLE_EXTENSIONS = Set.of("pkl", "pickle", "joblib", "dill", "pck", "sav");

    private static final String OPCODES_THAT_START_PROTOCOL_0_1 = "(cNIJKMLFGSTUVXBC])}P";

    static Format sniff(byte[] head) {
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 && head[3] == 4 || head[2] == 5 && head[3] == 6)) {
            return ZIP;
        }
        if (TarArchive.isTarHeader(head)) {
            return TAR;
        }
        if (head.length >= 6 && (head[0] & 0xff) == 0x93 && new String(head, 1, 5, java.nio.charset.StandardCharsets.ISO_8859_1).equals("NUMPY")) {
            return NUMPY;
        }
        if (head.length >= 3 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b && head[2] == 8) {
            return GZIP;
        }
        if (head.length >= 2 && (head[0] & 0xff) == 0x80 && (head[1] & 0xff) <= 5) {
            return PICKLE;
        }
        if (head.length >= 2 && (head[0] & 0xff) == 0x78 && ((head[0] & 0xff) * 256 + (head[1] & 0xff)) % 31 == 0) {
            return ZLIB;
        }
        if (otherCompression(head) != null) {
            return OTHER_COMPRESSION;
        }
        if (head.length >= 1 && OPCODES_THAT_START_PROTOCOL_0_1.indexOf(head[0] & 0xff) >= 0) {
            return MAYBE_PICKLE;
        }
        return NONE;
    }

    /** The name of a compression the scanner cannot read, or {@code null}. */
    static String otherCompression(byte[] h) {
        if (h.length >= 3 && h[0] == 'B' && h[1] == 'Z' && h[2] == 'h') {
            return "bzip2";
        }
        if (h.length >= 6 && (h[0] & 0xff) == 0xfd && h[1] == '7' && h[2] == 'z' && h[3] == 'X' && h[4] == 'Z' && h[5] == 0) {
            return "xz";
        }
        if (h.length >= 4 && h[0] == 4 && h[1] == 0x22 && h[2] == 0x4d && h[3] == 0x18) {
            return "lz4";
        }
        if (h.length >= 4 && (h[0] & 0xff) == 0x28 && (h[1] & 0xff) == 0xb5 && (h[2] & 0xff) == 0x2f && (h[3] & 0xff) == 0xfd) {
            return "zstd";
        }
        if (h.length >= 3 && h[0] == 0x5d && h[1] == 0 && h[2] == 0) {
            return "lzma";
        }
        return null;
    }

    static boolean isCandidate(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        int dot = lower.lastIndexOf('.');
        return dot >= 0 && CANDIDATE_EXTENSIONS.contains(lower.substring(dot + 1));
    }

    static boolean promisesPickle(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        int dot = lower.lastIndexOf('.');
        return dot >= 0 && PICKLE_EXTENSIONS.contains(lower.substring(dot + 1));
    }
}
