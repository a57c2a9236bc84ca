package dev.stoa.plugins.picklescanner;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes pickle opcodes by hand, so tests make benign and malicious pickles without Python. */
final class PickleBytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static PickleBytes proto(int version) {
        return new PickleBytes().op(0x80, version);
    }

    static PickleBytes protocol0() {
        return new PickleBytes();
    }

    PickleBytes op(int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
        return this;
    }

    PickleBytes raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    PickleBytes text(String s) {
        return raw(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** GLOBAL: {@code c<module>\n<name>\n}. */
    PickleBytes global(String module, String name) {
        return text("c" + module + "\n" + name + "\n");
    }

    /** INST: {@code i<module>\n<name>\n} (pops to MARK). */
    PickleBytes inst(String module, String name) {
        return text("i" + module + "\n" + name + "\n");
    }

    /** SHORT_BINUNICODE or BINUNICODE. */
    PickleBytes unicode(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length < 256) {
            op(0x8c, b.length);
        } else {
            op('X').le(b.length, 4);
        }
        return raw(b);
    }

    /** BINUNICODE8. */
    PickleBytes unicode8(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return op(0x8d).le(b.length, 8).raw(b);
    }

    /** SHORT_BINSTRING (protocol 1 and 2 str). */
    PickleBytes shortBinString(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return op('U', b.length).raw(b);
    }

    /** BINSTRING. */
    PickleBytes binString(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return op('T').le(b.length, 4).raw(b);
    }

    /** STRING: a quoted repr line. */
    PickleBytes string(String quotedRepr) {
        return text("S" + quotedRepr + "\n");
    }

    /** UNICODE: a raw-unicode-escape line. */
    PickleBytes unicode0(String rawEscaped) {
        return text("V" + rawEscaped + "\n");
    }

    PickleBytes binBytes(int length) {
        op('B').le(length, 4);
        return raw(new byte[length]);
    }

    PickleBytes stackGlobal() {
        return op(0x93);
    }

    PickleBytes memoize() {
        return op(0x94);
    }

    PickleBytes binput(int i) {
        return op('q', i);
    }

    PickleBytes binget(int i) {
        return op('h', i);
    }

    PickleBytes longBinput(int i) {
        return op('r').le(i, 4);
    }

    PickleBytes longBinget(int i) {
        return op('j').le(i, 4);
    }

    PickleBytes put(int i) {
        return text("p" + i + "\n");
    }

    PickleBytes get(int i) {
        return text("g" + i + "\n");
    }

    PickleBytes mark() {
        return op('(');
    }

    PickleBytes tuple() {
        return op('t');
    }

    PickleBytes tuple1() {
        return op(0x85);
    }

    PickleBytes tuple2() {
        return op(0x86);
    }

    PickleBytes emptyTuple() {
        return op(')');
    }

    PickleBytes reduce() {
        return op('R');
    }

    PickleBytes build() {
        return op('b');
    }

    PickleBytes int1(int v) {
        return op('K', v);
    }

    PickleBytes stop() {
        return op('.');
    }

    /** FRAME with the given length (protocol 4 and 5). */
    PickleBytes frame(long length) {
        return op(0x95).le(length, 8);
    }

    PickleBytes le(long value, int bytes) {
        for (int i = 0; i < bytes; i++) {
            out.write((int) (value >>> (8 * i)) & 0xff);
        }
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    // --- ready-made streams

    /** {@code module.name("echo pwned")} with GLOBAL, the way protocols 0 to 3 write an import. */
    static byte[] callWithGlobal(int protocol, String module, String name) {
        PickleBytes p = protocol >= 2 ? proto(protocol) : protocol0();
        p.global(module, name);
        if (protocol == 0) {
            p.put(0).mark().string("'echo pwned'").tuple();
        } else {
            p.binput(0).shortBinString("echo pwned").tuple1();
        }
        return p.reduce().stop().bytes();
    }

    /** {@code module.name("echo pwned")} with STACK_GLOBAL over memoized strings, as protocols 4 and 5 write it. */
    static byte[] callWithStackGlobal(int protocol, String module, String name) {
        PickleBytes body = new PickleBytes().unicode(module).memoize().unicode(name).memoize().stackGlobal().memoize()
                .unicode("echo pwned").memoize().tuple1().memoize().reduce().memoize().stop();
        byte[] b = body.bytes();
        return proto(protocol).frame(b.length).raw(b).bytes();
    }

    /** A PyTorch-style state dict: OrderedDict of one tensor rebuilt from a persistent storage id. */
    static byte[] torchStateDict(int protocol) {
        PickleBytes p = proto(protocol)
                .global("collections", "OrderedDict").binput(0).emptyTuple().reduce().binput(1)
                .mark()
                .unicode("weight")
                .global("torch._utils", "_rebuild_tensor_v2").binput(2)
                .mark()
                .mark().unicode("storage").global("torch", "FloatStorage").binput(3).unicode("0").unicode("cpu").int1(4)
                .tuple().binput(4).op('Q')
                .int1(0)
                .int1(2).int1(2).tuple2()
                .int1(2).int1(1).tuple2()
                .op(0x89)
                .binget(0).emptyTuple().reduce()
                .tuple().binput(5)
                .reduce().binput(6)
                .op('u')
                .stop();
        return p.bytes();
    }
}
