package dev.stoa.plugins.safetensorsinspector;

import java.util.Optional;

/**
 * The element types the safetensors format defines, with their width in bits (the format's {@code Dtype}
 * enum as of safetensors 0.6, sub-byte MX formats included).
 */
enum Dtype {
    BOOL(8), F4(4), F6_E2M3(6), F6_E3M2(6), U8(8), I8(8), F8_E5M2(8), F8_E4M3(8), F8_E8M0(8),
    I16(16), U16(16), F16(16), BF16(16), I32(32), U32(32), F32(32), C64(64), F64(64), I64(64), U64(64);

    private final int bits;

    Dtype(int bits) {
        this.bits = bits;
    }

    int bits() {
        return bits;
    }

    /** The dtype spelled exactly as the format spells it (case matters), if it is one. */
    static Optional<Dtype> parse(String name) {
        for (Dtype dtype : values()) {
            if (dtype.name().equals(name)) {
                return Optional.of(dtype);
            }
        }
        return Optional.empty();
    }
}
