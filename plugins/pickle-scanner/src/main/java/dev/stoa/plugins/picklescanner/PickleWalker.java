package dev.stoa.plugins.picklescanner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * Walks one pickle stream opcode by opcode (protocols 0 to 5, every opcode of CPython's pickletools) without
 * executing anything. It keeps a symbolic stack and memo just precise enough to know which strings
 * {@code STACK_GLOBAL} combines into an import, and reports every import to a {@link Listener}.
 *
 * <p>Only imports can run code when a pickle is loaded: {@code REDUCE}, {@code NEWOBJ}, {@code OBJ},
 * {@code INST} and {@code BUILD} call objects that some import put on the stack. So judging every import
 * ({@code GLOBAL}, {@code STACK_GLOBAL}, {@code INST}, {@code EXT1/2/4}) judges the stream. Not thread-safe;
 * one walker per stream.
 */
final class PickleWalker {

    /** What the walker reports. */
    interface Listener {
        /** An import of {@code module.name} by {@code opcode} at {@code offset}. */
        void onImport(String module, String name, String opcode, long offset);

        /** A {@code STACK_GLOBAL} whose module or name is not a string the walker could follow. */
        void onUnresolvedImport(String opcode, long offset);

        /** An import through the copyreg extension registry ({@code EXT1/2/4}). */
        void onExtension(long code, long offset);
    }

    /** Strings longer than this are not kept (no real module or attribute name is this long). */
    private static final int KEEP = 1024;
    private static final int MAX_STACK = 1 << 20;
    private static final int MAX_MEMO = 1 << 20;
    private static final Pattern DOTTED_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");
    private static final Object MARK = new Object() {
        @Override
        public String toString() {
            return "MARK";
        }
    };
    /** Any value whose content does not matter to the scan (numbers, containers, objects, long strings). */
    private static final Object OTHER = new Object() {
        @Override
        public String toString() {
            return "value";
        }
    };

    private final Listener listener;
    private final BooleanSupplier cancelled;
    private final List<Object> stack = new ArrayList<>();
    private final Map<Long, Object> memo = new HashMap<>();
    private boolean memoOverflow;
    private int protocol;

    PickleWalker(Listener listener, BooleanSupplier cancelled) {
        this.listener = listener;
        this.cancelled = cancelled;
    }

    /** The highest protocol a {@code PROTO} opcode declared (0 when there was none). */
    int protocol() {
        return protocol;
    }

    /**
     * Walks to the stream's {@code STOP}.
     *
     * @return the offset just after {@code STOP}
     * @throws PickleStreamException when the stream is malformed, truncated or over the budget
     */
    long walk(PickleInput in) throws IOException {
        long opcodes = 0;
        while (true) {
            if ((++opcodes & 0xffff) == 0 && cancelled.getAsBoolean()) {
                throw new CancellationException("pickle scan cancelled");
            }
            long at = in.position();
            int op = in.readByte();
            switch (op) {
                // --- stack structure
                case '(' -> push(MARK, at);                                   // MARK
                case '.' -> {                                                  // STOP
                    pop(at, "STOP");
                    return in.position();
                }
                case '0' -> {                                                  // POP
                    if (!stack.isEmpty() && stack.getLast() == MARK) {
                        stack.removeLast();
                    } else {
                        pop(at, "POP");
                    }
                }
                case '1' -> popToMark(at, "POP_MARK");                         // POP_MARK
                case '2' -> push(top(at, "DUP"), at);                          // DUP
                // --- numbers and constants
                case 'F', 'I', 'L' -> {                                        // FLOAT, INT, LONG (text)
                    PickleInput.Line line = in.readLine(KEEP);
                    checkNumber(line, op, at);
                    push(OTHER, at);
                }
                case 'J' -> push(skipThen(in, 4), at);                         // BININT
                case 'K' -> push(skipThen(in, 1), at);                         // BININT1
                case 'M' -> push(skipThen(in, 2), at);                         // BININT2
                case 0x8a -> push(skipThen(in, in.readByte()), at);            // LONG1
                case 0x8b -> push(skipThen(in, signedLength(in, 4, at)), at);  // LONG4
                case 'G' -> push(skipThen(in, 8), at);                         // BINFLOAT
                case 'N', 0x88, 0x89 -> push(OTHER, at);                       // NONE, NEWTRUE, NEWFALSE
                // --- strings and bytes
                case 'S' -> push(quotedString(in.readLine(KEEP), at), at);     // STRING
                case 'T' -> push(bytesAsString(in, signedLength(in, 4, at)), at); // BINSTRING
                case 'U' -> push(bytesAsString(in, in.readByte()), at);       // SHORT_BINSTRING
                case 'V' -> push(rawUnicodeEscape(in.readLine(KEEP)), at);     // UNICODE
                case 0x8c -> push(utf8(in, in.readByte()), at);                // SHORT_BINUNICODE
                case 'X' -> push(utf8(in, in.readLittleEndian(4)), at);        // BINUNICODE
                case 0x8d -> push(utf8(in, length8(in, at)), at);              // BINUNICODE8
                case 'B' -> push(skipThen(in, signedLength(in, 4, at)), at);   // BINBYTES
                case 'C' -> push(skipThen(in, in.readByte()), at);             // SHORT_BINBYTES
                case 0x8e, 0x96 -> push(skipThen(in, length8(in, at)), at);    // BINBYTES8, BYTEARRAY8
                case 0x97 -> push(OTHER, at);                                  // NEXT_BUFFER
                case 0x98 -> top(at, "READONLY_BUFFER");                       // READONLY_BUFFER
                // --- containers
                case ']', ')', '}', 0x8f -> push(OTHER, at);                   // EMPTY_LIST/TUPLE/DICT/SET
                case 'a' -> {                                                  // APPEND
                    pop(at, "APPEND");
                    top(at, "APPEND");
                }
                case 'e', 'u', 0x90 -> {                                       // APPENDS, SETITEMS, ADDITEMS
                    popToMark(at, opcodeName(op));
                    top(at, opcodeName(op));
                }
                case 'l', 't', 'd', 0x91 -> {                                  // LIST, TUPLE, DICT, FROZENSET
                    popToMark(at, opcodeName(op));
                    push(OTHER, at);
                }
                case 0x85, 0x86, 0x87 -> {                                     // TUPLE1, TUPLE2, TUPLE3
                    for (int i = 0; i < op - 0x84; i++) {
                        pop(at, "TUPLE" + (op - 0x84));
                    }
                    push(OTHER, at);
                }
                case 's' -> {                                                  // SETITEM
                    pop(at, "SETITEM");
                    pop(at, "SETITEM");
                    top(at, "SETITEM");
                }
                // --- imports and calls
                case 'c' -> {                                                  // GLOBAL
                    String module = dottedName(in.readLine(KEEP), "GLOBAL", at);
                    String name = dottedName(in.readLine(KEEP), "GLOBAL", at);
                    listener.onImport(module, name, "GLOBAL", at);
                    push(OTHER, at);
                }
                case 0x93 -> {                                                 // STACK_GLOBAL
                    Object name = pop(at, "STACK_GLOBAL");
                    Object module = pop(at, "STACK_GLOBAL");
                    if (module instanceof String m && name instanceof String n) {
                        listener.onImport(m, n, "STACK_GLOBAL", at);
                    } else {
                        listener.onUnresolvedImport("STACK_GLOBAL", at);
                    }
                    push(OTHER, at);
                }
                case 'i' -> {                                                  // INST
                    String module = dottedName(in.readLine(KEEP), "INST", at);
                    String name = dottedName(in.readLine(KEEP), "INST", at);
                    listener.onImport(module, name, "INST", at);
                    popToMark(at, "INST");
                    push(OTHER, at);
                }
                case 0x82, 0x83, 0x84 -> {                                     // EXT1, EXT2, EXT4
                    long code = op == 0x82 ? in.readByte() : op == 0x83 ? in.readLittleEndian(2) : in.readLittleEndian(4);
                    listener.onExtension(code, at);
                    push(OTHER, at);
                }
                case 'o' -> {                                                  // OBJ
                    if (popToMark(at, "OBJ") == 0) {
                        throw PickleStreamException.malformed(at, "OBJ without a class");
                    }
                    push(OTHER, at);
                }
                case 'R', 0x81 -> {                                            // REDUCE, NEWOBJ
                    pop(at, opcodeName(op));
                    pop(at, opcodeName(op));
                    push(OTHER, at);
                }
                case 0x92 -> {                                                 // NEWOBJ_EX
                    pop(at, "NEWOBJ_EX");
                    pop(at, "NEWOBJ_EX");
                    pop(at, "NEWOBJ_EX");
                    push(OTHER, at);
                }
                case 'b' -> {                                                  // BUILD
                    pop(at, "BUILD");
                    top(at, "BUILD");
                }
                case 'P' -> {                                                  // PERSID
                    in.readLine(KEEP);
                    push(OTHER, at);
                }
                case 'Q' -> {                                                  // BINPERSID
                    pop(at, "BINPERSID");
                    push(OTHER, at);
                }
                // --- memo
                case 'p' -> put(decimal(in.readLine(KEEP), "PUT", at), at);    // PUT
                case 'q' -> put(in.readByte(), at);                            // BINPUT
                case 'r' -> put(in.readLittleEndian(4), at);                   // LONG_BINPUT
                case 0x94 -> put(memo.size(), at);                             // MEMOIZE
                case 'g' -> push(get(decimal(in.readLine(KEEP), "GET", at), at), at); // GET
                case 'h' -> push(get(in.readByte(), at), at);                  // BINGET
                case 'j' -> push(get(in.readLittleEndian(4), at), at);         // LONG_BINGET
                // --- framing
                case 0x80 -> {                                                 // PROTO
                    int version = in.readByte();
                    if (version > 5) {
                        throw PickleStreamException.malformed(at, "unsupported pickle protocol " + version);
                    }
                    protocol = Math.max(protocol, version);
                }
                case 0x95 -> length8(in, at);                                  // FRAME (a size hint)
                default -> throw PickleStreamException.malformed(at, String.format("unknown opcode 0x%02x", op));
            }
        }
    }

    private void push(Object value, long at) {
        if (stack.size() >= MAX_STACK) {
            throw PickleStreamException.limit(at, "the pickle stack grew past " + MAX_STACK + " entries");
        }
        stack.add(value);
    }

    private Object pop(long at, String opcode) {
        if (stack.isEmpty() || stack.getLast() == MARK) {
            throw PickleStreamException.malformed(at, opcode + " on an empty stack");
        }
        return stack.removeLast();
    }

    private Object top(long at, String opcode) {
        if (stack.isEmpty() || stack.getLast() == MARK) {
            throw PickleStreamException.malformed(at, opcode + " on an empty stack");
        }
        return stack.getLast();
    }

    /** Pops everything down to and including the topmost MARK; returns how many values were above it. */
    private int popToMark(long at, String opcode) {
        int mark = stack.lastIndexOf(MARK);
        if (mark < 0) {
            throw PickleStreamException.malformed(at, opcode + " without a MARK");
        }
        int count = stack.size() - mark - 1;
        stack.subList(mark, stack.size()).clear();
        return count;
    }

    private void put(long index, long at) {
        Object value = top(at, "PUT");
        if (memo.size() >= MAX_MEMO && !memo.containsKey(index)) {
            memoOverflow = true;
            return;
        }
        memo.put(index, value instanceof String ? value : OTHER);
    }

    private Object get(long index, long at) {
        Object value = memo.get(index);
        if (value != null) {
            return value;
        }
        if (memoOverflow) {
            return OTHER;
        }
        throw PickleStreamException.malformed(at, "memo entry " + index + " read before it was written");
    }

    private static Object skipThen(PickleInput in, long length) throws IOException {
        in.skip(length);
        return OTHER;
    }

    private static long signedLength(PickleInput in, int bytes, long at) throws IOException {
        long value = in.readLittleEndian(bytes);
        if (bytes == 4 && value > Integer.MAX_VALUE) {
            throw PickleStreamException.malformed(at, "negative length " + (int) value);
        }
        return value;
    }

    private static long length8(PickleInput in, long at) throws IOException {
        long value = in.readLittleEndian(8);
        if (value < 0) {
            throw PickleStreamException.malformed(at, "absurd length " + Long.toUnsignedString(value));
        }
        return value;
    }

    private static Object utf8(PickleInput in, long length) throws IOException {
        byte[] kept = in.readKeeping(length, KEEP);
        return length > KEEP ? OTHER : new String(kept, StandardCharsets.UTF_8);
    }

    private static Object bytesAsString(PickleInput in, long length) throws IOException {
        byte[] kept = in.readKeeping(length, KEEP);
        return length > KEEP ? OTHER : new String(kept, StandardCharsets.ISO_8859_1);
    }

    private static String dottedName(PickleInput.Line line, String opcode, long at) {
        String text = line.text().endsWith("\r") ? line.text().substring(0, line.text().length() - 1) : line.text();
        if (line.clipped() || !DOTTED_NAME.matcher(text).matches()) {
            throw PickleStreamException.malformed(at, opcode + " names no valid module or attribute");
        }
        return text;
    }

    private static long decimal(PickleInput.Line line, String opcode, long at) {
        try {
            return Long.parseLong(line.text().strip());
        } catch (NumberFormatException e) {
            throw PickleStreamException.malformed(at, opcode + " with a non-numeric memo key");
        }
    }

    private static void checkNumber(PickleInput.Line line, int op, long at) {
        String text = line.text().strip();
        boolean ok = !line.clipped() && switch (op) {
            case 'I' -> text.matches("[+-]?[0-9]+");
            case 'L' -> text.matches("[+-]?[0-9]+L?");
            default -> text.matches("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?|[+-]?(inf|nan)");
        };
        if (!ok) {
            throw PickleStreamException.malformed(at, opcodeName(op) + " with a non-numeric argument");
        }
    }

    /** STRING's argument: a Python {@code repr} of a byte string, quotes included, escapes decoded. */
    private static Object quotedString(PickleInput.Line line, long at) {
        String text = line.text();
        if (line.clipped()) {
            return OTHER;
        }
        if (text.length() < 2 || text.charAt(0) != text.charAt(text.length() - 1)
                || (text.charAt(0) != '\'' && text.charAt(0) != '"')) {
            throw PickleStreamException.malformed(at, "STRING argument is not quoted");
        }
        return unescape(text.substring(1, text.length() - 1));
    }

    /** Decodes Python byte-string escapes ({@code \x6f}, {@code \157}, {@code \n}, ...). */
    static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                out.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'v' -> out.append('\u000b');
                case '\n' -> {
                }
                case 'x' -> {
                    int end = Math.min(i + 3, s.length());
                    String hex = s.substring(i + 1, end);
                    if (hex.length() == 2 && hex.chars().allMatch(h -> Character.digit(h, 16) >= 0)) {
                        out.append((char) Integer.parseInt(hex, 16));
                        i += 2;
                    } else {
                        out.append('\\').append(e);
                    }
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int end = i;
                        while (end < s.length() && end < i + 3 && s.charAt(end) >= '0' && s.charAt(end) <= '7') {
                            end++;
                        }
                        out.append((char) (Integer.parseInt(s.substring(i, end), 8) & 0xff));
                        i = end - 1;
                    } else {
                        out.append(e == '\\' || e == '\'' || e == '"' ? "" : "\\").append(e);
                    }
                }
            }
        }
        return out.toString();
    }

    /** UNICODE's argument: raw-unicode-escape, where only {@code \\uXXXX} and {@code \\UXXXXXXXX} are escapes. */
    static Object rawUnicodeEscape(PickleInput.Line line) {
        if (line.clipped()) {
            return OTHER;
        }
        String s = line.text();
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int digits = c == '\\' && i + 1 < s.length() ? (s.charAt(i + 1) == 'u' ? 4 : s.charAt(i + 1) == 'U' ? 8 : 0) : 0;
            if (digits > 0 && i + 2 + digits <= s.length()) {
                String hex = s.substring(i + 2, i + 2 + digits);
                if (hex.chars().allMatch(h -> Character.digit(h, 16) >= 0)) {
                    long cp = Long.parseLong(hex, 16);
                    if (cp <= Character.MAX_CODE_POINT) {
                        out.appendCodePoint((int) cp);
                        i += 1 + digits;
                        continue;
                    }
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    static String opcodeName(int op) {
        return switch (op) {
            case 'e' -> "APPENDS";
            case 'u' -> "SETITEMS";
            case 0x90 -> "ADDITEMS";
            case 'l' -> "LIST";
            case 't' -> "TUPLE";
            case 'd' -> "DICT";
            case 0x91 -> "FROZENSET";
            case 'R' -> "REDUCE";
            case 0x81 -> "NEWOBJ";
            case 'F' -> "FLOAT";
            case 'I' -> "INT";
            case 'L' -> "LONG";
            default -> String.format("0x%02x", op);
        };
    }
}
