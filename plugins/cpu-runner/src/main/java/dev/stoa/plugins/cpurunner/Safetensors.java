package dev.stoa.plugins.cpurunner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a safetensors file's header and single tensors as floats, and encodes floats back in a tensor's dtype. */
final class Safetensors {

    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One tensor of a file.
     *
     * @param dtype the dtype ({@code F32}, {@code F16}, {@code BF16})
     * @param shape its shape
     * @param begin the first byte of its data, from the start of the file
     * @param end   one past its last byte
     */
    record Entry(String dtype, int[] shape, long begin, long end) {

        int elements() {
            int n = 1;
            for (int d : shape) {
                n *= d;
            }
            return n;
        }
    }

    private Safetensors() {
    }

    /** The header: the raw JSON bytes' length and each tensor by name, in the file's order. */
    static Map<String, Entry> entries(FileChannel file) throws IOException {
        ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        file.read(length, 0);
        long headerLength = length.flip().getLong();
        if (headerLength <= 0 || headerLength > 100_000_000) {
            throw new IOException("not a safetensors file: header length " + headerLength);
        }
        ByteBuffer header = ByteBuffer.allocate((int) headerLength);
        file.read(header, 8);
        JsonNode root = JSON.readTree(header.array());
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals("__metadata__")) {
                continue;
            }
            JsonNode t = field.getValue();
            int[] shape = new int[t.get("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = t.get("shape").get(i).asInt();
            }
            long data = 8 + headerLength;
            entries.put(field.getKey(), new Entry(t.get("dtype").asText(), shape,
                    data + t.get("data_offsets").get(0).asLong(), data + t.get("data_offsets").get(1).asLong()));
        }
        return entries;
    }

    /** A tensor's values as floats. */
    static float[] read(FileChannel file, Entry entry) throws IOException {
        ByteBuffer data = ByteBuffer.allocate((int) (entry.end() - entry.begin())).order(ByteOrder.LITTLE_ENDIAN);
        file.read(data, entry.begin());
        data.flip();
        float[] values = new float[entry.elements()];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (entry.dtype()) {
                case "F32" -> data.getFloat();
                case "F16" -> Float.float16ToFloat(data.getShort());
                case "BF16" -> Float.intBitsToFloat((data.getShort() & 0xFFFF) << 16);
                default -> throw new IOException("tensor dtype " + entry.dtype() + " cannot be read as floats");
            };
        }
        return values;
    }

    /** Floats encoded in {@code dtype}, little-endian; BF16 rounds to nearest even. */
    static ByteBuffer encode(float[] values, String dtype) {
        int width = dtype.equals("F32") ? 4 : 2;
        ByteBuffer out = ByteBuffer.allocate(values.length * width).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            switch (dtype) {
                case "F32" -> out.putFloat(v);
                case "F16" -> out.putShort(Float.floatToFloat16(v));
                default -> {
                    int bits = Float.floatToRawIntBits(v);
                    out.putShort((short) ((bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16));
                }
            }
        }
        return out.flip();
    }

    /**
     * Rewrites a file whose tensors include BF16 ones with those tensors widened to F32, one tensor at a time;
     * returns whether it changed anything. Jlama's BF16 kernels round activations to BF16 (log-probabilities off by
     * about 1e-2), so the CPU runner computes BF16 models in F32, at twice the memory.
     */
    static boolean widenBf16(Path file) throws IOException {
        Path wide = file.resolveSibling(file.getFileName() + ".f32");
        try (FileChannel in = open(file)) {
            Map<String, Entry> entries = entries(in);
            if (entries.values().stream().noneMatch(e -> e.dtype().equals("BF16"))) {
                return false;
            }
            com.fasterxml.jackson.databind.node.ObjectNode header = JSON.createObjectNode();
            header.putObject("__metadata__").put("format", "pt");
            long offset = 0;
            for (Map.Entry<String, Entry> e : entries.entrySet()) {
                Entry entry = e.getValue();
                String dtype = entry.dtype().equals("BF16") ? "F32" : entry.dtype();
                long size = entry.dtype().equals("BF16") ? (entry.end() - entry.begin()) * 2 : entry.end() - entry.begin();
                com.fasterxml.jackson.databind.node.ObjectNode t = header.putObject(e.getKey());
                t.put("dtype", dtype);
                com.fasterxml.jackson.databind.node.ArrayNode shape = t.putArray("shape");
                for (int d : entry.shape()) {
                    shape.add(d);
                }
                t.putArray("data_offsets").add(offset).add(offset + size);
                offset += size;
            }
            byte[] json = JSON.writeValueAsBytes(header);
            int padded = (json.length + 7) / 8 * 8;
            ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).put(json);
            while (head.hasRemaining()) {
                head.put((byte) ' ');
            }
            try (FileChannel out = FileChannel.open(wide, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(head.flip());
                for (Entry entry : entries.values()) {
                    if (entry.dtype().equals("BF16")) {
                        out.write(encode(read(in, entry), "F32"));
                    } else {
                        in.transferTo(entry.begin(), entry.end() - entry.begin(), out);
                    }
                }
            }
        }
        java.nio.file.Files.move(wide, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    static FileChannel open(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.READ);
    }
}
