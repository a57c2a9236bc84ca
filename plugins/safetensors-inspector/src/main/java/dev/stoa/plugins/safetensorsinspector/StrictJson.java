package dev.stoa.plugins.safetensorsinspector;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict JSON reading: UTF-8 decoded with errors reported (never replaced), no comments or other
 * extensions, duplicate object keys refused at every depth, nothing but whitespace after the root value.
 */
final class StrictJson {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private StrictJson() {
    }

    /** What is wrong with a JSON document, as a finding can name it. */
    enum Problem { INVALID_UTF8, DUPLICATE_KEY, INVALID_JSON }

    /** A JSON document that breaks one of the rules; the stream was not valid. */
    static final class Invalid extends IOException {
        private final Problem problem;

        Invalid(Problem problem, String message) {
            super(message);
            this.problem = problem;
        }

        Problem problem() {
            return problem;
        }
    }

    /** A parser over strictly decoded UTF-8; the caller closes it (which closes {@code in}). */
    static JsonParser parser(InputStream in) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return FACTORY.createParser(new InputStreamReader(in, decoder));
    }

    /** Reads a whole document into maps (insertion-ordered), lists, strings, longs/big integers, doubles, booleans and nulls. */
    static Object read(InputStream in) throws IOException {
        return call(() -> {
            try (JsonParser parser = parser(in)) {
                JsonToken first = parser.nextToken();
                if (first == null) {
                    throw new Invalid(Problem.INVALID_JSON, "the document is empty");
                }
                Object value = readValue(parser);
                expectEnd(parser);
                return value;
            }
        });
    }

    /** Runs a read, turning the decoder's and the parser's exceptions into {@link Invalid}. */
    static <T> T call(IoCall<T> call) throws IOException {
        try {
            return call.run();
        } catch (CharacterCodingException e) {
            throw new Invalid(Problem.INVALID_UTF8, "it is not valid UTF-8");
        } catch (JacksonException e) {
            String message = e.getOriginalMessage() == null ? "unreadable JSON" : e.getOriginalMessage();
            if (message.startsWith("Duplicate field")) {
                throw new Invalid(Problem.DUPLICATE_KEY, message.replace("Duplicate field", "duplicate key"));
            }
            throw new Invalid(Problem.INVALID_JSON, firstLine(message));
        }
    }

    @FunctionalInterface
    interface IoCall<T> {
        T run() throws IOException;
    }

    /** The value at the parser's current token, read whole. */
    static Object readValue(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    parser.nextToken();
                    map.put(key, readValue(parser));
                }
                yield map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(readValue(parser));
                }
                yield list;
            }
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT, LONG -> parser.getLongValue();
                default -> parser.getBigIntegerValue();
            };
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new Invalid(Problem.INVALID_JSON, "unexpected " + token);
        };
    }

    /** Fails unless only whitespace follows the root value. */
    static void expectEnd(JsonParser parser) throws IOException {
        JsonToken after = parser.nextToken();
        if (after != null) {
            throw new Invalid(Problem.INVALID_JSON, "content follows the end of the JSON value");
        }
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
