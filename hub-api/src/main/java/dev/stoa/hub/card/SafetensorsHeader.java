package dev.stoa.hub.card;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.stoa.hub.storage.BoundedInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the parameter counts of a safetensors file from its header: 8 bytes little-endian giving the header
 * length, then a JSON object of tensors ({@code {"name": {"dtype", "shape", "data_offsets"}}} and an optional
 * {@code __metadata__}). Only the header is read, streamed; the tensors' bytes never are.
 */
public final class SafetensorsHeader {

    /** Headers larger than this are refused, as the safetensors library itself does. */
    public static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;
    /** Leaves the caller's stream open: it owns it, and may read on after the header. */
    private static final JsonFactory JSON = JsonFactory.builder().disable(com.fasterxml.jackson.core.StreamReadFeature.AUTO_CLOSE_SOURCE).build();

    private SafetensorsHeader() {
    }

    /** The file is not a readable safetensors file. */
    public static final class InvalidSafetensors extends IOException {
        InvalidSafetensors(String message) {
            super(message);
        }
    }

    /** One tensor of the header: its dtype and number of elements. */
    public record Tensor(String dtype, long elements) {
    }

    /** Element counts per dtype ({@code F32}, {@code BF16}, ...) of every tensor in the file. */
    public static Map<String, Long> parameterCounts(InputStream in) throws IOException {
        Map<String, Long> counts = new TreeMap<>();
        tensors(in).values().forEach(t -> counts.merge(t.dtype(), t.elements(), Math::addExact));
        return counts;
    }

    /** Every tensor of the file by name, in the header's order. */
    public static Map<String, Tensor> tensors(InputStream in) throws IOException {
        byte[] length = in.readNBytes(8);
        if (length.length < 8) {
            throw new InvalidSafetensors("shorter than the 8-byte header length");
        }
        long headerBytes = 0;
        for (int i = 7; i >= 0; i--) {
            headerBytes = (headerBytes << 8) | (length[i] & 0xff);
        }
        if (headerBytes < 2 || headerBytes > MAX_HEADER_BYTES) {
            throw new InvalidSafetensors("header length " + Long.toUnsignedString(headerBytes) + " is out of range");
        }
        Map<String, Tensor> tensors = new java.util.LinkedHashMap<>();
        try (JsonParser parser = JSON.createParser(new BoundedInputStream(in, headerBytes))) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidSafetensors("header is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    throw new InvalidSafetensors("entry '" + name + "' is not an object");
                }
                if (name.equals("__metadata__")) {
                    parser.skipChildren();
                    continue;
                }
                tensors.put(name, readTensor(parser, name));
            }
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new InvalidSafetensors("header is not valid JSON: " + e.getOriginalMessage());
        }
        return tensors;
    }

    private static Tensor readTensor(JsonParser parser, String name) throws IOException {
        String dtype = null;
        long elements = -1;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("dtype") && value == JsonToken.VALUE_STRING) {
                dtype = parser.getText();
            } else if (field.equals("shape") && value == JsonToken.START_ARRAY) {
                elements = 1;
                while (parser.nextToken() == JsonToken.VALUE_NUMBER_INT) {
                    long dimension = parser.getLongValue();
                    if (dimension < 0) {
                        throw new InvalidSafetensors("tensor '" + name + "' has a negative dimension");
                    }
                    elements = Math.multiplyExact(elements, dimension);
                }
                if (parser.currentToken() != JsonToken.END_ARRAY) {
                    throw new InvalidSafetensors("tensor '" + name + "' has a shape that is not a list of integers");
                }
            } else {
                parser.skipChildren();
            }
        }
        if (dtype == null || elements < 0) {
            throw new InvalidSafetensors("tensor '" + name + "' lacks a dtype or a shape");
        }
        return new Tensor(dtype, elements);
    }
}
