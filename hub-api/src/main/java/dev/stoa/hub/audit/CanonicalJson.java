package dev.stoa.hub.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.Map;
import java.util.TreeMap;

/**
 * The one serialisation of audit data that is hashed: JSON with every object's keys sorted, no whitespace.
 * Stored {@code before}/{@code after} texts are already canonical, so reading them back and serialising again
 * gives the same bytes.
 */
final class CanonicalJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .findAndAddModules()
            .build();
    private static final TypeReference<TreeMap<String, Object>> MAP = new TypeReference<>() {
    };

    private CanonicalJson() {
    }

    /** A map (values: strings, numbers, booleans, lists, maps) as canonical JSON. */
    static String of(Map<String, ?> values) {
        try {
            // Round trip through the parsed form so that what is hashed now equals what is parsed back later.
            return MAPPER.writeValueAsString(parse(MAPPER.writeValueAsString(new TreeMap<>(values))));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("An audit record's state cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Canonical JSON text parsed back into a sorted map. */
    static TreeMap<String, Object> parse(String json) {
        try {
            return MAPPER.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a JSON object: " + e.getOriginalMessage(), e);
        }
    }

    /** Any value as canonical JSON (maps are sorted by key). */
    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
