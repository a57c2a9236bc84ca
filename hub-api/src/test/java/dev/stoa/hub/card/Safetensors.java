package dev.stoa.hub.card;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds small safetensors files for tests: a header naming the tensors, then zeroed data. */
public final class Safetensors {

    private Safetensors() {
    }

    /** {@code header} is the JSON header; {@code dataBytes} zero bytes follow it. */
    public static byte[] file(String header, int dataBytes) {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).array());
        out.writeBytes(json);
        out.writeBytes(new byte[dataBytes]);
        return out.toByteArray();
    }

    /** Two F32 tensors of 2x3 and 4 elements, and one BF16 tensor of 5: F32 10, BF16 5. */
    public static byte[] small() {
        return file("{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[24,40]},"
                + "\"c\":{\"dtype\":\"BF16\",\"shape\":[5],\"data_offsets\":[40,50]}}", 50);
    }
}
