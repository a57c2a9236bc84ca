package dev.stoa.plugins.safetensorsinspector;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.stoa.spi.Revision;
import dev.stoa.spi.RevisionFile;
import dev.stoa.spi.Severity;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and strictly validates the header of one safetensors file with two ranged reads (the 8-byte length,
 * then the JSON header); the tensors' data is never read. Every broken rule becomes a finding on the file.
 *
 * <p>Layout of the format: 8 bytes little-endian unsigned header length {@code N}, {@code N} bytes of UTF-8
 * JSON (an object of tensor entries {@code {"dtype", "shape", "data_offsets"}} and an optional
 * {@code __metadata__} object of strings), then the data section, which the tensors' byte ranges must cover
 * exactly, without overlaps or gaps.
 */
final class HeaderReader {

    static final String TRUNCATED = "safetensors.header.truncated";
    static final String TOO_LARGE = "safetensors.header.too-large";
    static final String LENGTH_INVALID = "safetensors.header.length-invalid";
    static final String INVALID_UTF8 = "safetensors.header.invalid-utf8";
    static final String INVALID_JSON = "safetensors.header.invalid-json";
    static final String NOT_OBJECT = "safetensors.header.not-object";
    static final String DUPLICATE_KEY = "safetensors.duplicate-key";
    static final String METADATA_INVALID = "safetensors.metadata.invalid";
    static final String TENSOR_INVALID = "safetensors.tensor.invalid";
    static final String MISSING_FIELD = "safetensors.tensor.missing-field";
    static final String UNKNOWN_FIELD = "safetensors.tensor.unknown-field";
    static final String DTYPE_UNKNOWN = "safetensors.dtype.unknown";
    static final String SHAPE_INVALID = "safetensors.shape.invalid";
    static final String SHAPE_OVERFLOW = "safetensors.shape.overflow";
    static final String SHAPE_MISALIGNED = "safetensors.shape.misaligned";
    static final String SHAPE_MISMATCH = "safetensors.shape.mismatch";
    static final String OFFSETS_INVALID = "safetensors.offsets.invalid";

    private static final String METADATA_KEY = "__metadata__";
    private static final Set<String> TENSOR_FIELDS = Set.of("dtype", "shape", "data_offsets");

    private final long maxHeaderBytes;

    /** @param maxHeaderBytes the largest JSON header accepted, in bytes */
    HeaderReader(long maxHeaderBytes) {
        this.maxHeaderBytes = maxHeaderBytes;
    }

    /** The outcome of reading one file: the header when its JSON could be read, and the bytes read. */
    record Outcome(Optional<SafetensorsHeader> header, long bytesRead) {
    }

    /**
     * Reads the header of {@code file}, reports what is wrong to {@code sink}, and checks the layout of the
     * data section ({@link LayoutValidator}).
     *
     * @throws IOException when the revision cannot be read (a storage problem, not a problem of the file)
     */
    Outcome read(Revision revision, RevisionFile file, FindingSink sink) throws IOException {
        String path = file.path();
        long size = file.size();
        if (size < 8) {
            sink.add(Severity.HIGH, TRUNCATED, path, "The file is " + size + " bytes, shorter than the 8-byte header length that starts every safetensors file");
            return new Outcome(Optional.empty(), 0);
        }
        byte[] prefix;
        try (InputStream in = revision.openRange(path, 0, 8)) {
            prefix = in.readNBytes(8);
        }
        if (prefix.length < 8) {
            sink.add(Severity.HIGH, TRUNCATED, path, "The file ends before its 8-byte header length");
            return new Outcome(Optional.empty(), prefix.length);
        }
        long headerLength = 0;
        for (int i = 7; i >= 0; i--) {
            headerLength = (headerLength << 8) | (prefix[i] & 0xff);
        }
        if (Long.compareUnsigned(headerLength, maxHeaderBytes) > 0) {
            sink.add(Severity.HIGH, TOO_LARGE, path, "The header claims " + Long.toUnsignedString(headerLength)
                    + " bytes; at most " + maxHeaderBytes + " are accepted");
            return new Outcome(Optional.empty(), 8);
        }
        if (headerLength > size - 8) {
            sink.add(Severity.HIGH, LENGTH_INVALID, path, "The header claims " + headerLength
                    + " bytes but only " + (size - 8) + " follow the length field");
            return new Outcome(Optional.empty(), 8);
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        List<TensorEntry> tensors = new ArrayList<>();
        List<LayoutValidator.Range> ranges = new ArrayList<>();
        boolean[] rangesComplete = {true};
        try (InputStream in = revision.openRange(path, 8, headerLength)) {
            boolean object = StrictJson.call(() -> {
                try (JsonParser parser = StrictJson.parser(in)) {
                    if (parser.nextToken() != JsonToken.START_OBJECT) {
                        return false;
                    }
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String name = parser.currentName();
                        parser.nextToken();
                        Object value = StrictJson.readValue(parser);
                        if (name.equals(METADATA_KEY)) {
                            readMetadata(value, path, metadata, sink);
                        } else if (!readTensor(name, value, path, tensors, ranges, sink)) {
                            rangesComplete[0] = false;
                        }
                    }
                    StrictJson.expectEnd(parser);
                    return true;
                }
            });
            if (!object) {
                sink.add(Severity.HIGH, NOT_OBJECT, path, "The header is not a JSON object");
                return new Outcome(Optional.empty(), 8 + headerLength);
            }
        } catch (StrictJson.Invalid e) {
            String code = switch (e.problem()) {
                case INVALID_UTF8 -> INVALID_UTF8;
                case DUPLICATE_KEY -> DUPLICATE_KEY;
                case INVALID_JSON -> INVALID_JSON;
            };
            sink.add(Severity.HIGH, code, path, "The header is not a valid safetensors header: " + e.getMessage());
            return new Outcome(Optional.empty(), 8 + headerLength);
        }
        SafetensorsHeader header = new SafetensorsHeader(path, size, headerLength, metadata, tensors);
        LayoutValidator.check(path, header.dataSize(), ranges, rangesComplete[0], sink);
        return new Outcome(Optional.of(header), 8 + headerLength);
    }

    private static void readMetadata(Object value, String path, Map<String, String> metadata, FindingSink sink) {
        if (!(value instanceof Map<?, ?> map)) {
            sink.add(Severity.HIGH, METADATA_INVALID, path, "__metadata__ must be an object of strings");
            return;
        }
        for (var entry : map.entrySet()) {
            if (entry.getValue() instanceof String text) {
                metadata.put((String) entry.getKey(), text);
            } else {
                sink.add(Severity.HIGH, METADATA_INVALID, path, "__metadata__ entry '" + entry.getKey()
                        + "' is not a string; the format allows strings only");
            }
        }
    }

    /** Validates one tensor entry; returns whether its byte range could be read. */
    private static boolean readTensor(String name, Object value, String path, List<TensorEntry> tensors,
                                      List<LayoutValidator.Range> ranges, FindingSink sink) {
        if (!(value instanceof Map<?, ?> fields)) {
            sink.add(Severity.HIGH, TENSOR_INVALID, path, "Tensor '" + name + "' is not an object with dtype, shape and data_offsets");
            return false;
        }
        for (String field : TENSOR_FIELDS) {
            if (!fields.containsKey(field)) {
                sink.add(Severity.HIGH, MISSING_FIELD, path, "Tensor '" + name + "' has no " + field);
            }
        }
        for (Object field : fields.keySet()) {
            if (!TENSOR_FIELDS.contains(field)) {
                sink.add(Severity.LOW, UNKNOWN_FIELD, path, "Tensor '" + name + "' has an unknown field '" + field + "', which loaders ignore");
            }
        }
        Optional<Dtype> dtype = Optional.empty();
        if (fields.containsKey("dtype")) {
            dtype = fields.get("dtype") instanceof String text ? Dtype.parse(text) : Optional.empty();
            if (dtype.isEmpty()) {
                sink.add(Severity.HIGH, DTYPE_UNKNOWN, path, "Tensor '" + name + "' has dtype " + describe(fields.get("dtype"))
                        + ", which is not a safetensors dtype");
            }
        }
        List<Long> shape = fields.containsKey("shape") ? longs(fields.get("shape"), -1) : null;
        if (fields.containsKey("shape") && shape == null) {
            sink.add(Severity.HIGH, SHAPE_INVALID, path, "Tensor '" + name + "' has shape " + describe(fields.get("shape"))
                    + "; a shape is a list of non-negative integers");
        }
        List<Long> offsets = fields.containsKey("data_offsets") ? longs(fields.get("data_offsets"), 2) : null;
        if (offsets != null && offsets.get(0) > offsets.get(1)) {
            offsets = null;
        }
        if (fields.containsKey("data_offsets") && offsets == null) {
            sink.add(Severity.HIGH, OFFSETS_INVALID, path, "Tensor '" + name + "' has data_offsets " + describe(fields.get("data_offsets"))
                    + "; they must be [begin, end] with 0 <= begin <= end");
        }
        if (offsets == null) {
            return false;
        }
        long begin = offsets.get(0);
        long end = offsets.get(1);
        ranges.add(new LayoutValidator.Range(name, begin, end));
        if (dtype.isEmpty() || shape == null) {
            return true;
        }
        TensorEntry entry = new TensorEntry(name, dtype.get(), shape, begin, end);
        long bits;
        try {
            bits = Math.multiplyExact(entry.elements(), dtype.get().bits());
        } catch (ArithmeticException e) {
            sink.add(Severity.HIGH, SHAPE_OVERFLOW, path, "Tensor '" + name + "' has shape " + shape
                    + ", whose size in bytes overflows 64 bits");
            return true;
        }
        if (bits % 8 != 0) {
            sink.add(Severity.HIGH, SHAPE_MISALIGNED, path, "Tensor '" + name + "' (" + dtype.get() + " " + shape
                    + ") does not fill a whole number of bytes");
        } else if (end - begin != bits / 8) {
            sink.add(Severity.HIGH, SHAPE_MISMATCH, path, "Tensor '" + name + "' (" + dtype.get() + " " + shape + ") needs "
                    + bits / 8 + " bytes but its data_offsets [" + begin + ", " + end + "] span " + (end - begin));
        }
        tensors.add(entry);
        return true;
    }

    /** The value as a list of non-negative longs (of {@code length} elements unless it is negative), or null. */
    private static List<Long> longs(Object value, int length) {
        if (!(value instanceof List<?> list) || (length >= 0 && list.size() != length)) {
            return null;
        }
        List<Long> result = new ArrayList<>(list.size());
        for (Object element : list) {
            if (!(element instanceof Long number) || number < 0) {
                return null;
            }
            result.add(number);
        }
        return result;
    }

    private static String describe(Object value) {
        String text = value instanceof String s ? "'" + s + "'" : String.valueOf(value);
        if (value instanceof BigInteger) {
            text = "a number beyond 64 bits";
        }
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }
}
