package dev.stoa.plugins.cpurunner;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The bytes each token stands for, read from {@code tokenizer.json}: SentencePiece-style vocabularies (Llama 2,
 * Mistral) mark spaces with {@code ▁} and fall back to {@code <0xNN>} byte tokens; byte-level ones (GPT-2, Llama 3,
 * Qwen2) map every byte to a printable character. Jlama's own decoder keeps partial characters between calls, which
 * mixes up concurrent requests, so Stoa decodes here: a token's text is its bytes as UTF-8, and a completion's text
 * is decoded as a whole ({@link Utf8Stream}), so characters split over tokens come out whole.
 */
final class TokenBytes {

    private final byte[][] bytes;

    private TokenBytes(byte[][] bytes) {
        this.bytes = bytes;
    }

    static TokenBytes read(Path folder, int vocabularySize) throws IOException {
        JsonNode tokenizer = Safetensors.JSON.readTree(folder.resolve("tokenizer.json").toFile());
        boolean byteLevel = tokenizer.path("decoder").toString().contains("\"ByteLevel\"");
        Map<Integer, Integer> unicodeToByte = byteLevel ? unicodeToByte() : Map.of();
        byte[][] bytes = new byte[vocabularySize][];
        for (Iterator<Map.Entry<String, JsonNode>> it = tokenizer.path("model").path("vocab").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            put(bytes, e.getValue().asInt(), e.getKey(), byteLevel, unicodeToByte, false);
        }
        for (JsonNode added : tokenizer.path("added_tokens")) {
            put(bytes, added.path("id").asInt(), added.path("content").asText(), byteLevel, unicodeToByte,
                    added.path("special").asBoolean(false));
        }
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = bytes[i] == null ? new byte[0] : bytes[i];
        }
        return new TokenBytes(bytes);
    }

    private static void put(byte[][] bytes, int id, String piece, boolean byteLevel, Map<Integer, Integer> unicodeToByte,
            boolean special) {
        if (id < 0 || id >= bytes.length) {
            return;
        }
        if (special) {
            bytes[id] = new byte[0];
        } else if (!byteLevel && piece.length() == 6 && piece.startsWith("<0x") && piece.endsWith(">")) {
            bytes[id] = new byte[] {(byte) Integer.parseInt(piece.substring(3, 5), 16)};
        } else if (byteLevel) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            piece.codePoints().forEach(c -> out.write(unicodeToByte.getOrDefault(c, (int) '?')));
            bytes[id] = out.toByteArray();
        } else {
            bytes[id] = piece.replace('▁', ' ').getBytes(StandardCharsets.UTF_8);
        }
    }

    /** GPT-2's byte-to-character table, inverted: printable bytes stand for themselves, the rest from U+0100 on. */
    private static Map<Integer, Integer> unicodeToByte() {
        Map<Integer, Integer> map = new HashMap<>();
        int next = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            map.put(printable ? b : 256 + next++, b);
        }
        return map;
    }

    byte[] of(int id) {
        return id >= 0 && id < bytes.length ? bytes[id] : new byte[0];
    }

    /** A token's text alone: its bytes as UTF-8, partial characters replaced. */
    String text(int id) {
        return new String(of(id), StandardCharsets.UTF_8);
    }

    /** Decodes tokens' bytes to text as they come, holding back a character split over tokens until it is whole. */
    static final class Utf8Stream {

        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        private ByteBuffer pending = ByteBuffer.allocate(0);

        String add(byte[] bytes) {
            ByteBuffer in = ByteBuffer.allocate(pending.remaining() + bytes.length).put(pending).put(bytes).flip();
            CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
            decoder.decode(in, out, false);
            pending = in.slice();
            return out.flip().toString();
        }

        String finish() {
            CharBuffer out = CharBuffer.allocate(pending.remaining() + 2);
            decoder.decode(pending, out, true);
            decoder.flush(out);
            pending = ByteBuffer.allocate(0);
            return out.flip().toString();
        }
    }
}
