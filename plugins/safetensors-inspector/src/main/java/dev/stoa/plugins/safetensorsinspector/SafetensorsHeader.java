package dev.stoa.plugins.safetensorsinspector;

import java.util.List;
import java.util.Map;

/**
 * The header of one safetensors file, as far as it could be read. Tensors whose entries were invalid are
 * left out; the findings say why.
 *
 * @param path         the file's path in the revision
 * @param fileSize     the file's size in bytes
 * @param headerLength the JSON header's length in bytes, as the first 8 bytes state it
 * @param metadata     the {@code __metadata__} strings, empty when there are none
 * @param tensors      the valid tensor entries, in header order
 */
record SafetensorsHeader(String path, long fileSize, long headerLength, Map<String, String> metadata,
                         List<TensorEntry> tensors) {

    SafetensorsHeader {
        metadata = Map.copyOf(metadata);
        tensors = List.copyOf(tensors);
    }

    /** The size of the data section after the header: what the tensors must cover exactly. */
    long dataSize() {
        return fileSize - 8 - headerLength;
    }
}
