package dev.stoa.plugins.safetensorsinspector;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Builds safetensors files in tests: valid ones from tensor shapes, and broken ones from a raw header. */
final class SafetensorsBytes {

    private final List<String> entries = new ArrayList<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private long offset;

    static SafetensorsBytes builder() {
        return new SafetensorsBytes();
    }

    /** A tensor placed right after the previous one, its size from its dtype and shape. */
    SafetensorsBytes tensor(String name, String dtype, long... shape) {
        long elements = 1;
        for (long dimension : shape) {
            elements *= dimension;
        }
        long bytes = elements * Dtype.parse(dtype).orElseThrow().bits() / 8;
        entries.add(entry(name, dtype, shape, offset, offset + bytes));
        offset += bytes;
        return this;
    }

    SafetensorsBytes metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    /** The header JSON, as the file will hold it (without padding). */
    String headerJson() {
        List<String> all = new ArrayList<>();
        if (!metadata.isEmpty()) {
            all.add("\"__metadata__\":{" + metadata.entrySet().stream()
                    .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"").collect(Collectors.joining(",")) + "}");
        }
        all.addAll(entries);
        return "{" + String.join(",", all) + "}";
    }

    /** The size of the data section the tensors cover. */
    long dataSize() {
        return offset;
    }

    byte[] build() {
        return file(headerJson(), offset);
    }

    static String entry(String name, String dtype, long[] shape, long begin, long end) {
        String dims = java.util.Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(","));
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":[" + dims + "],\"data_offsets\":[" + begin + "," + end + "]}";
    }

    /** A file with this header (padded with spaces to 8 bytes, as the reference writer does) and a zero-filled data section. */
    static byte[] file(String headerJson, long dataSize) {
        byte[] header = headerJson.getBytes(StandardCharsets.UTF_8);
        int padded = (header.length + 7) / 8 * 8;
        byte[] padding = " ".repeat(padded - header.length).getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(length(padded));
        out.writeBytes(header);
        out.writeBytes(padding);
        out.writeBytes(new byte[Math.toIntExact(dataSize)]);
        return out.toByteArray();
    }

    /** A file with this exact header (no padding) and declared length. */
    static byte[] file(long declaredLength, byte[] header, long dataSize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(length(declaredLength));
        out.writeBytes(header);
        out.writeBytes(new byte[Math.toIntExact(dataSize)]);
        return out.toByteArray();
    }

    static byte[] length(long value) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
    }

    /** The bytes a header-only reader reads: the length field and the header. */
    static long headerBytes(byte[] file) {
        return 8 + ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }
}
