package dev.stoa.plugins.picklescanner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks the headers of a tar archive (ustar, GNU and pax), one ranged read per member, to find where each
 * regular file's data lies; the data itself is left to the caller. Old PyTorch checkpoints are tar archives of
 * pickles ({@code sys_info}, {@code pickle}, {@code tensors}, {@code storages}).
 */
final class TarArchive {

    /** One regular file of the archive. */
    record Member(String name, long dataOffset, long size) {
    }

    private static final int BLOCK = 512;
    private static final int MAX_LONG_NAME = 4096;

    private TarArchive() {
    }

    /** Whether {@code head} starts with a ustar header with a valid checksum. */
    static boolean isTarHeader(byte[] head) {
        return head.length >= BLOCK && new String(head, 257, 5, StandardCharsets.ISO_8859_1).equals("ustar")
                && checksumMatches(head);
    }

    /** The regular files of the archive, at most {@code maxMembers}. */
    static List<Member> read(ByteSource tar, int maxMembers) throws IOException, ArchiveException {
        List<Member> members = new ArrayList<>();
        long size = tar.size();
        long offset = 0;
        String longName = null;
        while (offset + BLOCK <= size) {
            byte[] header = tar.readAt(offset, BLOCK);
            if (header.length < BLOCK) {
                throw new ArchiveException("the archive ends inside a header at byte " + offset);
            }
            if (allZero(header)) {
                return members;
            }
            if (!checksumMatches(header)) {
                throw new ArchiveException("the header at byte " + offset + " has a bad checksum");
            }
            long memberSize = number(header, 124, 12, offset);
            long data = offset + BLOCK;
            if (memberSize < 0 || memberSize > size - data) {
                throw new ArchiveException("the member at byte " + offset + " runs past the end of the archive");
            }
            char type = (char) header[156];
            String name = longName != null ? longName : name(header);
            longName = null;
            switch (type) {
                case 'L', 'x' -> {
                    // GNU long name, or a pax header whose path= record names the next member
                    byte[] body = tar.readAt(data, (int) Math.min(memberSize, MAX_LONG_NAME));
                    longName = type == 'L' ? cString(body, 0, body.length) : paxPath(body);
                }
                case '0', '\0', '7' -> {
                    if (members.size() >= maxMembers) {
                        throw new ArchiveException("the archive has more than " + maxMembers + " members");
                    }
                    members.add(new Member(name, data, memberSize));
                }
                default -> {
                    // directories, links, devices, global pax headers: nothing to scan
                }
            }
            offset = data + (memberSize + BLOCK - 1) / BLOCK * BLOCK;
        }
        if (offset < size) {
            throw new ArchiveException("the archive ends inside a header at byte " + offset);
        }
        return members;
    }

    private static String name(byte[] header) {
        String name = cString(header, 0, 100);
        if (new String(header, 257, 6, StandardCharsets.ISO_8859_1).equals("ustar\0")) {
            String prefix = cString(header, 345, 155);
            if (!prefix.isEmpty()) {
                return prefix + "/" + name;
            }
        }
        return name;
    }

    private static String paxPath(byte[] body) {
        // records are "<length> <key>=<value>\n"
        for (String record : new String(body, StandardCharsets.UTF_8).split("\n")) {
            int space = record.indexOf(' ');
            if (space > 0 && record.startsWith("path=", space + 1)) {
                return record.substring(space + 1 + 5);
            }
        }
        return null;
    }

    private static long number(byte[] header, int at, int length, long offset) throws ArchiveException {
        if ((header[at] & 0x80) != 0) {
            // GNU base-256: big-endian, the high bit of the first byte is the marker
            long value = header[at] & 0x7f;
            for (int i = 1; i < length; i++) {
                if (value > (Long.MAX_VALUE >> 8)) {
                    throw new ArchiveException("the member at byte " + offset + " has an absurd size");
                }
                value = value << 8 | (header[at + i] & 0xff);
            }
            return value;
        }
        String text = cString(header, at, length).strip();
        if (text.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(text, 8);
        } catch (NumberFormatException e) {
            throw new ArchiveException("the member at byte " + offset + " has a malformed size");
        }
    }

    private static boolean checksumMatches(byte[] header) {
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += i >= 148 && i < 156 ? ' ' : header[i] & 0xff;
        }
        String stored = cString(header, 148, 8).strip();
        try {
            return !stored.isEmpty() && Long.parseLong(stored, 8) == sum;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String cString(byte[] b, int at, int length) {
        int end = at;
        while (end < at + length && end < b.length && b[end] != 0) {
            end++;
        }
        return new String(b, at, end - at, StandardCharsets.UTF_8);
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
