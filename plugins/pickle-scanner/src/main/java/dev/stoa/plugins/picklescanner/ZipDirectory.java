package dev.stoa.plugins.picklescanner;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a zip archive's central directory (zip64 included) with ranged reads at the end of the file, so an
 * entry can be read without touching the others: a PyTorch checkpoint's pickle is read, its tensors never are.
 */
final class ZipDirectory {

    /** One entry of the central directory. */
    record Entry(String name, int flags, int method, long compressedSize, long size, long localHeaderOffset) {
        boolean encrypted() {
            return (flags & 1) != 0;
        }

        boolean directory() {
            return name.endsWith("/");
        }
    }

    private static final int EOCD = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_EOCD = 0x06064b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int LOCAL = 0x04034b50;
    private static final int MAX_NAME = 4096;

    private ZipDirectory() {
    }

    /**
     * The entries of the archive, at most {@code maxEntries} (an archive with more is refused).
     */
    static List<Entry> read(ByteSource zip, int maxEntries) throws IOException, ArchiveException {
        long size = zip.size();
        // The end record is 22 bytes plus a comment of up to 64 KiB; archives rarely carry a comment, so look
        // in the last 4 KiB first and read the longest possible tail only when that fails.
        byte[] tail = null;
        int eocd = -1;
        for (int want : new int[]{4096, 22 + 65535 + 20}) {
            int tailLength = (int) Math.min(size, want);
            tail = zip.readAt(size - tailLength, tailLength);
            eocd = findEndRecord(tail);
            if (eocd >= 0 || tailLength == size) {
                break;
            }
        }
        if (eocd < 0) {
            throw new ArchiveException("no end of central directory record: the zip archive is truncated or damaged");
        }
        long entries = le16(tail, eocd + 10);
        long cdSize = le32u(tail, eocd + 12);
        long cdOffset = le32u(tail, eocd + 16);
        if (eocd >= 20 && le32(tail, eocd - 20) == ZIP64_LOCATOR) {
            long zip64Offset = le64(tail, eocd - 20 + 8);
            if (zip64Offset < 0 || zip64Offset > size - 56) {
                throw new ArchiveException("the zip64 end record points outside the file");
            }
            byte[] z = zip.readAt(zip64Offset, 56);
            if (z.length < 56 || le32(z, 0) != ZIP64_EOCD) {
                throw new ArchiveException("no zip64 end of central directory record where the locator points");
            }
            entries = le64(z, 32);
            cdSize = le64(z, 40);
            cdOffset = le64(z, 48);
        }
        if (cdOffset < 0 || cdSize < 0 || cdOffset > size || cdSize > size - cdOffset) {
            throw new ArchiveException("the central directory lies outside the file");
        }
        if (entries > maxEntries) {
            throw new ArchiveException("the archive lists " + entries + " entries, more than the limit of " + maxEntries);
        }
        List<Entry> result = new ArrayList<>((int) entries);
        try (DataInputStream in = new DataInputStream(new BoundedInputStream(new java.io.BufferedInputStream(zip.openAt(cdOffset), 65536), cdSize))) {
            byte[] fixed = new byte[46];
            for (long i = 0; i < entries; i++) {
                in.readFully(fixed);
                if (le32(fixed, 0) != CENTRAL) {
                    throw new ArchiveException("central directory entry " + i + " has a bad signature");
                }
                int nameLength = le16(fixed, 28);
                int extraLength = le16(fixed, 30);
                int commentLength = le16(fixed, 32);
                if (nameLength > MAX_NAME) {
                    throw new ArchiveException("central directory entry " + i + " has a " + nameLength + "-byte name");
                }
                byte[] name = new byte[nameLength];
                in.readFully(name);
                byte[] extra = new byte[extraLength];
                in.readFully(extra);
                in.skipNBytes(commentLength);
                long compressed = le32u(fixed, 20);
                long uncompressed = le32u(fixed, 24);
                long local = le32u(fixed, 42);
                // zip64 extra field: only the values whose 32-bit field is saturated, in this order
                for (int p = 0; p + 4 <= extra.length; ) {
                    int id = le16(extra, p);
                    int len = le16(extra, p + 2);
                    int q = p + 4;
                    if (id == 1) {
                        if (uncompressed == 0xffffffffL && q + 8 <= p + 4 + len && q + 8 <= extra.length) {
                            uncompressed = le64(extra, q);
                            q += 8;
                        }
                        if (compressed == 0xffffffffL && q + 8 <= p + 4 + len && q + 8 <= extra.length) {
                            compressed = le64(extra, q);
                            q += 8;
                        }
                        if (local == 0xffffffffL && q + 8 <= p + 4 + len && q + 8 <= extra.length) {
                            local = le64(extra, q);
                        }
                    }
                    p += 4 + len;
                }
                result.add(new Entry(new String(name, StandardCharsets.UTF_8), le16(fixed, 8), le16(fixed, 10),
                        compressed, uncompressed, local));
            }
        } catch (EOFException e) {
            throw new ArchiveException("the central directory is shorter than it claims");
        }
        return result;
    }

    private static int findEndRecord(byte[] tail) {
        for (int i = tail.length - 22; i >= 0; i--) {
            if (le32(tail, i) == EOCD) {
                return i;
            }
        }
        return -1;
    }

    /** Where the entry's data starts, from its local header. */
    static long dataOffset(ByteSource zip, Entry entry) throws IOException, ArchiveException {
        long size = zip.size();
        if (entry.localHeaderOffset() < 0 || entry.localHeaderOffset() > size - 30) {
            throw new ArchiveException("entry " + entry.name() + " points outside the file");
        }
        byte[] header = zip.readAt(entry.localHeaderOffset(), 30);
        if (header.length < 30 || le32(header, 0) != LOCAL) {
            throw new ArchiveException("entry " + entry.name() + " has no local header where the directory points");
        }
        long data = entry.localHeaderOffset() + 30 + le16(header, 26) + le16(header, 28);
        if (entry.compressedSize() < 0 || data > size || entry.compressedSize() > size - data) {
            throw new ArchiveException("entry " + entry.name() + " runs past the end of the file");
        }
        return data;
    }

    static int le16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    static int le32(byte[] b, int at) {
        return le16(b, at) | le16(b, at + 2) << 16;
    }

    static long le32u(byte[] b, int at) {
        return le32(b, at) & 0xffffffffL;
    }

    static long le64(byte[] b, int at) {
        return le32u(b, at) | le32u(b, at + 4) << 32;
    }
}
